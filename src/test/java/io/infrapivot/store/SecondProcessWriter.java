package io.infrapivot.store;

import java.nio.file.Path;

/**
 * Run as a separate JVM by the concurrency tests: opens the case file (or, for a postgresql:// URL, the case "shared" of that store) given as the first argument with its
 * own store and writes the load of writer {@code args[1]} ({@code args[2]} lookups), printing "ready" once
 * open and "done" once every lookup is committed.
 */
public final class SecondProcessWriter {
    private SecondProcessWriter() {
    }

    public static void main(String[] args) {
        int writer = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        try (io.infrapivot.engine.port.CaseStore store = PostgresLocation.isPostgres(args[0])
                ? new PostgresCaseRepository(PostgresLocation.parse(args[0]),
                        io.infrapivot.engine.port.Analyst.current("writer-" + writer)).open("shared")
                : SqliteCaseStore.open(Path.of(args[0]), "shared")) {
            System.out.println("ready");
            System.out.flush();
            Facts.writeLoad(store, writer, count);
        }
        System.out.println("done");
    }
}
