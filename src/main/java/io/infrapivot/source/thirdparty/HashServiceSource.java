package io.infrapivot.source.thirdparty;

import io.infrapivot.model.Indicator;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.http.ErrorTable;
import java.util.Locale;
import java.util.Set;

/**
 * A hash service (MalwareBazaar, Hybrid Analysis, Triage, hashlookup): a {@link ServiceSource} that takes the hex
 * hash kinds it names ({@code md5}, {@code sha1}, {@code sha256}, {@code sha512}) and skips any other hash without a
 * request.
 */
public abstract class HashServiceSource extends ServiceSource {
    private final SourceInfo info;
    private final ErrorTable errors;
    private final Set<String> kinds;
    private final String name;

    protected HashServiceSource(SourceInfo info, ErrorTable errors, String name, Set<String> kinds) {
        this.info = info;
        this.errors = errors;
        this.name = name;
        this.kinds = Set.copyOf(kinds);
    }

    @Override
    public final SourceInfo info() {
        return info;
    }

    @Override
    public final ErrorTable errors() {
        return errors;
    }

    /** The kind of the hash, one this service takes (the lookup is refused before any request otherwise). */
    protected final String kind(Indicator hash) {
        return SampleFacts.hexKind(hash, kinds);
    }

    @Override
    protected final String refuse(Indicator indicator) {
        if (kind(indicator) != null) return null;
        return name + " looks up " + String.join(", ", kinds.stream().sorted().map(k -> k.toUpperCase(Locale.ROOT))
                .toList()) + " hashes only";
    }
}
