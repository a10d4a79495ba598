package io.infrapivot.source.file;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.ParseResult;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Source {@code file} (offline): a local file's hashes as {@code has-hash} links (MD5, SHA-1, SHA-256, SHA-512 —
 * the hash sources look these up) and what its bytes show as a {@code file-property} attribute (size, format,
 * PE/ELF/Mach-O header facts: imphash, Rich-header hash, compile time, sections with entropy, signer).
 *
 * <p>Which file it reads: only the one {@link io.infrapivot.source.RunOptions#namedFiles()} maps the indicator's
 * SHA-256 to — a path the analyst named on the command's own input, put there by the face from its parser's
 * {@code Details.File}. A FILE indicator found any other way (a service's answer, an import, the case) carries no
 * path and is skipped, so no attacker-controlled text can make the tool open a local path. The bytes read are
 * checked against the SHA-256 the indicator names: a file changed since it was named is an error, not a fact.
 */
public final class FileSource implements Source {
    public static final String ID = "file";

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("a local file named on the input: MD5/SHA-1/SHA-256/SHA-512 and PE/ELF/Mach-O header facts"
                    + " (imphash, Rich-header hash, compile time, sections, signer) (offline)")
            .accepts(IndicatorType.FILE)
            .produces(Relation.HAS_HASH, Relation.FILE_PROPERTY)
            .access(Access.OFFLINE).concurrency(2).ttl(Duration.ofDays(365))
            .build();

    private static final System.Logger LOG = System.getLogger("io.infrapivot.source." + ID);

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    public LookupResult lookup(Indicator indicator, LookupContext context) throws InterruptedException {
        Map<String, Path> named = context.options().namedFiles();
        Path path = indicator.type() == IndicatorType.FILE ? named.get(indicator.value()) : null;
        if (path == null) {
            return LookupResult.skipped("the file source reads only a local file named on this run's input;"
                    + " none has this SHA-256");
        }
        FileReport report;
        try (InputStream in = Files.newInputStream(path)) {
            report = FileReport.of(in);
        } catch (NoSuchFileException e) {
            return LookupResult.error(ErrorClass.NOT_FOUND, "the file named is gone", List.of());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "reading a named file failed", e);
            return LookupResult.error("cannot read the file: " + e.getClass().getSimpleName(), List.of());
        }
        if (!report.sha256().equals(indicator.value())) {
            return LookupResult.error("the file changed since it was named (its SHA-256 differs now)", List.of());
        }
        return LookupResult.of(facts(indicator, report, context), List.of());
    }

    /** has-hash links to each hash, and the file-property attribute. */
    static List<Observation> facts(Indicator file, FileReport r, LookupContext context) {
        List<Observation> out = new ArrayList<>();
        for (String h : List.of(r.md5(), r.sha1(), r.sha256(), r.sha512())) {
            if (context.parser().parseAs(IndicatorType.HASH, h) instanceof ParseResult.Parsed p) {
                out.add(Observation.link(file, Relation.HAS_HASH, p.parsed().indicator(), ID, context.now(), null));
            }
        }
        out.add(Observation.attribute(file, Relation.FILE_PROPERTY, r.toJson(), ID, context.now(), null));
        return out;
    }
}
