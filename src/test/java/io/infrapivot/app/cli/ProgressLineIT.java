package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress line of the real launcher: on a terminal (a pseudo-terminal made by {@code script}) for a run
 * longer than a second it is drawn on stderr and cleared at the end; with -q (values only), or when stderr is not a
 * terminal, it is absent. The run is made long by a resolver that never answers (a silent local UDP socket).
 */
class ProgressLineIT {
    @TempDir
    Path home;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(home);
        cli.env.put("INFRAPIVOT_DNS_ENABLED", "true");
    }

    @Test
    void drawnOnATerminalClearedAtTheEndAbsentWithQuietOrWithoutATerminal() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            String resolver = "127.0.0.1:" + silent.getLocalPort();
            String[] args = {"lookup", "--sources", "dns", "--resolver", resolver, "--timeout", "2500ms", "--case", "p",
                    "example.org"};

            var tty = cli.runInTerminal(args);
            assertThat(tty.out()).as(tty.out()).contains("\r\u001b[Klookups 0/1 done · 0 facts");
            // cleared before the report: the report's first line follows an erase
            assertThat(tty.out()).contains("\r\u001b[K\u001b[1m== example.org (domain) ==");
            assertThat(tty.out()).contains("timed out after 2500ms");

            String[] quiet = new String[args.length + 1];
            System.arraycopy(args, 0, quiet, 0, args.length);
            quiet[args.length] = "-q";
            var q = cli.runInTerminal(quiet);
            // -q: the found values only (none here), and no progress line
            assertThat(q.out()).doesNotContain("== example.org (domain) ==").doesNotContain("lookups 0/1")
                    .doesNotContain("\u001b[K");

            var piped = cli.run(args); // stdout and stderr are files, as with `| cat`
            assertThat(piped.out()).contains("== example.org (domain) ==");
            assertThat(piped.err()).doesNotContain("lookups").doesNotContain("\u001b[K");
        }
    }
}
