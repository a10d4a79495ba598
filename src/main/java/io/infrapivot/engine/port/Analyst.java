package io.infrapivot.engine.port;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Who made a lookup: the analyst's name (the OS user unless {@code --analyst} names someone) and the host the
 * lookup ran on. Every stored lookup records both, so that several analysts sharing one case can tell their
 * work apart ({@code history --analyst}).
 */
public record Analyst(String name, String host) {
    /** Longest name or host kept (longer ones are cut). */
    public static final int MAX_LENGTH = 128;

    public Analyst {
        name = clean(Objects.requireNonNullElse(name, "unknown"));
        host = clean(Objects.requireNonNullElse(host, "unknown"));
    }

    /** The OS user on this host, or {@code name} when one is given (not blank). */
    public static Analyst current(String name) {
        String who = name != null && !name.isBlank() ? name : System.getProperty("user.name", "unknown");
        return new Analyst(who, localHost());
    }

    /** The same analyst, working on another host (a worker running an analyst's task). */
    public Analyst on(String otherHost) {
        return new Analyst(name, otherHost);
    }

    /** This machine's name: the kernel's host name, else what Java resolves, else "unknown". */
    public static String localHost() {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                String h = Files.readString(kernel).strip();
                if (!h.isEmpty()) return h;
            }
        } catch (IOException | RuntimeException e) {
            // fall through to Java's own idea of the host
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String clean(String s) {
        String one = s.strip().replaceAll("\\p{Cntrl}", "?");
        if (one.isEmpty()) one = "unknown";
        return one.length() > MAX_LENGTH ? one.substring(0, MAX_LENGTH) : one;
    }
}
