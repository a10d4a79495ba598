package io.infrapivot.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs command lines in this JVM with a terminal of its own, keeping the last run's output. */
final class InProcessCli {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        out.reset();
        err.reset();
        Terminal t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, false);
        return Main.run(new AppContext(t), args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The last run's standard output as JSON Lines. */
    List<JsonNode> lines() throws Exception {
        List<JsonNode> l = new ArrayList<>();
        for (String s : out().split("\n")) {
            if (!s.isBlank()) l.add(new ObjectMapper().readTree(s));
        }
        return l;
    }
}
