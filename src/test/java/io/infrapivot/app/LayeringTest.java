package io.infrapivot.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The faces talk to the engine, never to one source's package (issue 10, "one lookup path"): every compiled class of
 * {@code app.cli} is read for the classes it names (its constant pool's type names, which catch imports,
 * fully-qualified names and {@code var}-typed values alike), and none may be in {@code io.infrapivot.source.<id>}.
 * The source SPI's own types ({@code io.infrapivot.source.Outcome}, {@code RunOptions}…) are allowed.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LayeringTest {
    /** A class of a source's own package: {@code io/infrapivot/source/} then a lower-case package name and {@code /}. */
    private static final Pattern SOURCE_PACKAGE = Pattern.compile("io/infrapivot/source/([a-z][a-z0-9_]*)/[A-Za-z0-9_/$]+");

    static List<String> sourcePackageReferences(Path classes) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(classes)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                // the class file's UTF-8 constants are plain ASCII for these names: Latin-1 keeps every byte
                String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                TreeSet<String> found = new TreeSet<>();
                Matcher m = SOURCE_PACKAGE.matcher(text);
                while (m.find()) found.add(m.group().replace('/', '.'));
                for (String f : found) out.add(classes.relativize(p) + " -> " + f);
            }
        }
        return out;
    }

    private static Path classesOf(Class<?> c) throws URISyntaxException {
        Path root = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        return root.resolve(c.getPackageName().replace('.', '/'));
    }

    @Test
    void theCliNamesNoClassOfASourcePackage() throws Exception {
        Path cli = classesOf(io.infrapivot.app.cli.Main.class);
        assertThat(Files.isDirectory(cli)).isTrue();
        assertThat(sourcePackageReferences(cli)).isEmpty();
    }

    @Test
    void theScanFindsAReferenceWhereThereIsOne() throws Exception {
        // the engine's bulk path names the DNS source layer's classes: the scan must see them
        Path engine = classesOf(io.infrapivot.engine.Engine.class);
        assertThat(sourcePackageReferences(engine)).anySatisfy(l -> assertThat(l).contains("io.infrapivot.source.dns."));
    }
}
