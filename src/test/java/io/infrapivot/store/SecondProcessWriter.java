package io.infrapivot.store;

import java.nio.file.Path;

/**
 * Run as a separate JVM by the concurrency tests: opens the case file given as the first argument with its
 * own store and writes the load of writer {@code args[1]} ({@code args[2]} lookups), printing "ready" once
 * open and "done" once every lookup is committed.
 */
public final class SecondProcessWriter {
    private SecondProcessWriter() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int writer = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        try (SqliteCaseStore store = SqliteCaseStore.open(file, "shared")) {
            System.out.println("ready");
            System.out.flush();
            Facts.writeLoad(store, writer, count);
        }
        System.out.println("done");
    }
}
