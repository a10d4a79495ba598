package io.infrapivot.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API as an analyst uses it: a JShell session on the built jar. */
class JShellIT {
    @TempDir
    Path home;

    @Test
    void jshellSessionParsesAndLooksUp() throws Exception {
        Path repo = Path.of(System.getProperty("infrapivot.repo", ".")).toAbsolutePath();
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        Path script = home.resolve("session.jsh");
        Files.writeString(script, """
                var ip = io.infrapivot.api.Infrapivot.open("repl")
                System.out.println("PARSED " + ip.parse("hxxp://c2[.]evil(.)example/gate.php"))
                var out = ip.sources("classify").lookup("john[@]mail[.]evil[.]example")
                io.infrapivot.api.Infrapivot.facts(out).forEach(f -> System.out.println("FACT " + f.relation() + " " + (f.object() == null ? "" : f.object().value())))
                ip.close()
                /exit
                """);
        ProcessBuilder pb = new ProcessBuilder(jshell.toString(), "--class-path",
                repo.resolve("target/infrapivot-all.jar").toString(), "-q", script.toString())
                .redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("INFRAPIVOT_DATA_DIR", home.resolve("data").toString());
        pb.environment().put("INFRAPIVOT_CONFIG", home.resolve("none.toml").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("PARSED url:http://c2.evil.example/gate.php")
                .contains("FACT email-domain mail.evil.example");
        assertThat(home.resolve("data/cases/repl.sqlite")).exists();
    }
}
