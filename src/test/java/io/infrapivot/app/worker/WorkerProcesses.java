package io.infrapivot.app.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts {@code infrapivot worker} processes from this JVM's class path, each with its output in a folder. */
final class WorkerProcesses {
    private WorkerProcesses() {
    }

    /**
     * {@code base} (a stand-in's {@code INFRAPIVOT_*_URL}s) with no config file, a data folder and a home inside
     * {@code dir}: what a worker or the test's own engine runs with, apart from the machine's files.
     */
    static Map<String, String> isolatedEnv(Map<String, String> base, Path dir) {
        Map<String, String> env = new java.util.HashMap<>(base);
        env.put("INFRAPIVOT_CONFIG", dir.resolve("none.toml").toString());
        env.put("INFRAPIVOT_DATA_DIR", dir.resolve("data").toString());
        env.put("HOME", dir.toString());
        return env;
    }

    /** A worker on {@code url} named {@code name}, {@code args} after {@code worker} (e.g. --sources). */
    static Process start(Path dir, String url, Map<String, String> env, String name, String... args)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.infrapivot.app.cli.Main", "--store", url, "worker", "--name", name));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** The named workers' stderr (the start of each), for a failure's message. */
    static String logs(Path dir, String... names) {
        StringBuilder b = new StringBuilder();
        for (String w : names) {
            try {
                String err = Files.readString(dir.resolve(w + ".err"));
                b.append(w).append(": ").append(err, 0, Math.min(err.length(), 3000)).append('\n');
            } catch (IOException e) {
                b.append(w).append(": no log\n");
            }
        }
        return b.toString();
    }
}
