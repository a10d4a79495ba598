package io.infrapivot.source.classify;

import io.infrapivot.model.Details;
import io.infrapivot.model.DetailsJson;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.ParseResult;
import io.infrapivot.model.ParsedIndicator;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Access;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Offline facts from the parser: range flags of IPs and networks, the registrable domain and public
 * suffix of names (with the list's date), the host of a URL and the domain of an email address.
 */
public final class ClassifySource implements Source {
    public static final String ID = "classify";

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("range flags, registrable domain and public suffix, URL host, email domain (offline, from the"
                    + " parser)")
            .accepts(EnumSet.allOf(IndicatorType.class))
            .produces(Relation.CLASSIFICATION, Relation.SUBDOMAIN_OF, Relation.URL_HOST, Relation.EMAIL_DOMAIN)
            .access(Access.OFFLINE).concurrency(64).ttl(Duration.ofDays(30))
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    @Override
    public LookupResult lookup(Indicator indicator, LookupContext context) {
        if (indicator.type() == IndicatorType.FILE) {
            // a file's value is its SHA-256: nothing to re-derive without the file itself
            return LookupResult.of(List.of(), List.of());
        }
        ParseResult r = context.parser().parseAs(indicator.type(), indicator.value());
        if (!(r instanceof ParseResult.Parsed parsed)) {
            return LookupResult.error("cannot classify " + indicator + ": " + describe(r), List.of());
        }
        ParsedIndicator p = parsed.parsed();
        Instant now = context.now();
        List<Observation> out = new ArrayList<>();
        var value = DetailsJson.detailsOnly(p.details());
        value.put("display", p.display());
        value.put("suffix_list_date", String.valueOf(context.parser().suffixList().date()));
        if (!(p.details() instanceof Details.None)) {
            out.add(Observation.attribute(indicator, Relation.CLASSIFICATION, value, ID, now, null));
        }
        switch (p.details()) {
            case Details.Name n when indicator.type() == IndicatorType.HOST && n.registrableDomain() != null ->
                    link(out, indicator, Relation.SUBDOMAIN_OF, IndicatorType.DOMAIN, n.registrableDomain(), context);
            case Details.Url u -> out.add(Observation.link(indicator, Relation.URL_HOST, u.host(), ID, now, null));
            case Details.Email e -> out.add(Observation.link(indicator, Relation.EMAIL_DOMAIN, e.domain(), ID, now, null));
            default -> { }
        }
        return LookupResult.of(out, List.of());
    }

    private static void link(List<Observation> out, Indicator subject, Relation rel, IndicatorType type, String value,
                             LookupContext context) {
        if (context.parser().parseAs(type, value) instanceof ParseResult.Parsed p) {
            out.add(Observation.link(subject, rel, p.parsed().indicator(), ID, context.now(), null));
        }
    }

    private static String describe(ParseResult r) {
        return switch (r) {
            case ParseResult.Invalid i -> i.reason();
            case ParseResult.Ambiguous a -> a.reason();
            case ParseResult.Parsed p -> "parsed";
        };
    }
}
