package io.infrapivot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** The man page is written from the commands: every command and option is in it, and its text is escaped. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ManPageTest {
    private static CommandLine root() {
        var t = new Terminal(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, false);
        return new CommandLine(new Main(new AppContext(t)));
    }

    @Test
    void everyCommandAndSubcommandHasASectionWithEachOfItsOptions() {
        CommandLine root = root();
        String page = ManPage.of(root, "1.2.3", LocalDate.of(2026, 1, 2));
        assertThat(page).startsWith(".\\\"").contains(".TH \"INFRAPIVOT\" 1 \"2026\\-01\\-02\" \"infrapivot 1.2.3\"");
        List<CommandLine> all = ManPage.all(root);
        // every subcommand registered in Main (and theirs, e.g. case list, registration parse, maltego config)
        assertThat(all).hasSizeGreaterThan(root.getSubcommands().size());
        for (CommandLine c : all) {
            if (c == root) continue;
            String name = c.getCommandSpec().qualifiedName();
            assertThat(page).as(name).contains(".SS \"" + ManPage.text(name) + "\"");
            for (var o : c.getCommandSpec().options()) {
                if (o.hidden()) continue;
                assertThat(page).as(name + " " + o.longestName()).contains(ManPage.text(o.longestName()));
            }
        }
        for (String cmd : List.of("lookup", "pivot", "resolve", "serve", "man", "completion", "case delete",
                "registration parse")) {
            assertThat(page).contains(".SS \"infrapivot " + ManPage.text(cmd) + "\"");
        }
        assertThat(page).contains(".SH EXIT STATUS").contains(".B 130").contains(".SH ENVIRONMENT");
        assertThat(page).doesNotContain("${DEFAULT-VALUE}").doesNotContain("%n");
        // no line that troff would read as a request except the page's own (each starts with a known macro)
        for (String line : page.lines().toList()) {
            if (line.startsWith(".")) {
                assertThat(line).matches("\\.(\\\\\"|TH|SH|SS|TP|PP|B|I|br|ad l|nh)( .*)?");
            }
        }
    }

    @Test
    void textCannotInjectTroffRequests() {
        assertThat(ManPage.text(".so /etc/passwd")).isEqualTo("\\&.so /etc/passwd");
        assertThat(ManPage.text("'bp")).isEqualTo("\\&'bp");
        assertThat(ManPage.text("a\\fBb")).isEqualTo("a\\efBb");
        assertThat(ManPage.text("--json\n.sh")).isEqualTo("\\-\\-json .sh");
        assertThat(ManPage.text("a \u2014 b \uD83D\uDE00")).isEqualTo("a \\[u2014] b \\[u1F600]");
    }

    @Test
    void theManCommandPrintsThePage() {
        var out = new ByteArrayOutputStream();
        var t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, false);
        int exit = Main.run(new AppContext(t), "man");
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(".SH COMMANDS").contains(".SS \"infrapivot lookup\"");
    }
}
