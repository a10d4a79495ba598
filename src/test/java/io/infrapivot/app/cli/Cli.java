package io.infrapivot.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real launcher ./infrapivot as a process, in an isolated home, data and config folder. */
final class Cli {
    static final java.util.List<String> THIRD_PARTY = java.util.List.of("circl", "mnemonic", "otx", "robtex",
            "hackertarget", "virustotal", "securitytrails", "passivetotal", "dnsdb", "crtsh", "certspotter",
            "domaintools", "whoisxml", "whoxy", "viewdns", "apivoid", "urlhaus", "threatfox", "abuseipdb", "internetdb",
            "shodan", "spyonweb", "urlscan", "web", "ripestat", "bgptools", "peeringdb", "ipinfo", "geoip",
            "malwarebazaar", "hybridanalysis", "triage", "hashlookup");
    final Path repo;
    final Path home;
    final Map<String, String> env = new HashMap<>();

    Cli(Path home) {
        this(home, Path.of(System.getProperty("infrapivot.repo", ".")).toAbsolutePath());
    }

    /** The launcher of another copy of the project (a folder with infrapivot, scripts/ and target/). */
    Cli(Path home, Path repo) {
        this.repo = repo;
        this.home = home;
        env.put("HOME", home.toString());
        env.put("INFRAPIVOT_DATA_DIR", home.resolve("data").toString());
        env.put("INFRAPIVOT_CONFIG", home.resolve("config.toml").toString());
        env.put("INFRAPIVOT_NO_BUILD", "1"); // the jar was just built by Maven's package phase
        // tests never reach the internet: the network registration sources stay off here (they are tested
        // against local WHOIS and RDAP servers in their own packages)
        env.put("INFRAPIVOT_WHOIS_ENABLED", "false");
        env.put("INFRAPIVOT_RDAP_ENABLED", "false");
        // and for the DNS-based sources (tested against NSD in their own packages): no resolver is reachable here
        for (String id : java.util.List.of("dns", "dnsbl", "cymru", "axfr", "subdomains", "mhr")) {
            env.put("INFRAPIVOT_" + id.toUpperCase(java.util.Locale.ROOT) + "_ENABLED", "false");
        }
        // the same for the third-party services (tested against MockWebServer in their own packages)
        for (String id : THIRD_PARTY) env.put("INFRAPIVOT_" + id.toUpperCase(java.util.Locale.ROOT) + "_ENABLED", "false");
        env.put("PATH", System.getenv("PATH"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
    }

    record Result(int exit, String out, String err) {
        List<String> outLines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    /** Starts the launcher without waiting (output discarded), for tests that stop it midway. */
    Process start(String... args) throws IOException {
        return start(List.of(), args);
    }

    /**
     * As {@link #start(String...)}, with SIGINT at its default action, as in a terminal: a test JVM started in the
     * background of a script inherits SIGINT ignored, and the JVM keeps an ignored SIGINT ignored. perl (Debian's
     * essential perl-base) resets it and execs the launcher, so the process stays the one a test signals.
     */
    Process startInterruptible(String... args) throws IOException {
        return start(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"", "--"), args);
    }

    /** As {@link #startInterruptible}, with stdout and stderr written to files. */
    Process startInterruptible(Path out, Path err, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"",
                "--", repo.resolve("infrapivot").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb.start();
    }

    private Process start(List<String> prefix, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(repo.resolve("infrapivot").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb.start();
    }

    Result run(String... args) throws IOException, InterruptedException {
        return runWithInput(null, args);
    }

    Result runWithInput(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(repo.resolve("infrapivot").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin == null) pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        if (stdin != null) {
            try (var os = p.getOutputStream()) {
                os.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("infrapivot " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /**
     * Runs the launcher under a pseudo-terminal ({@code script -q -c CMD /dev/null}, util-linux): its stdout and
     * stderr are the terminal, whose text (both streams, as typed) comes back as {@code out}.
     */
    Result runInTerminal(String... args) throws IOException, InterruptedException {
        StringBuilder cmd = new StringBuilder(quote(repo.resolve("infrapivot").toString()));
        for (String a : args) cmd.append(' ').append(quote(a));
        ProcessBuilder pb = new ProcessBuilder("script", "-q", "-e", "-c", cmd.toString(), "/dev/null")
                .directory(home.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("TERM", "xterm");
        Path out = Files.createTempFile(home, "tty", ".txt");
        pb.redirectOutput(out.toFile()).redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("infrapivot " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out), "");
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
