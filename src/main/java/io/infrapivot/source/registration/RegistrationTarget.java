package io.infrapivot.source.registration;

import io.infrapivot.model.Details;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.ParseResult;
import java.util.Optional;

/**
 * What a registration lookup asks about for an indicator: the ICANN registrable domain of a domain or host (what
 * registries hold), the address of an IP, the network address of a CIDR, the number of an ASN.
 *
 * @param kind   "domain", "ip" or "asn"
 * @param object the domain (ASCII), the address, or the AS number without "AS"
 */
public record RegistrationTarget(String kind, String object) {

    /** The target for an indicator, or empty when the indicator has none (a public suffix, a URL, ...). */
    public static Optional<RegistrationTarget> of(Indicator i, IndicatorParser parser) {
        return switch (i.type()) {
            case DOMAIN, HOST -> registrable(i, parser).map(d -> new RegistrationTarget("domain", d));
            case IP -> Optional.of(new RegistrationTarget("ip", i.value()));
            case CIDR -> Optional.of(new RegistrationTarget("ip", i.value().substring(0, i.value().indexOf('/'))));
            case ASN -> Optional.of(new RegistrationTarget("asn", i.value().replaceFirst("(?i)^AS", "")));
            default -> Optional.empty();
        };
    }

    private static Optional<String> registrable(Indicator i, IndicatorParser parser) {
        if (parser.parseAs(i.type(), i.value()) instanceof ParseResult.Parsed p
                && p.parsed().details() instanceof Details.Name n && n.icannRegistrableDomain() != null) {
            return Optional.of(n.icannRegistrableDomain());
        }
        return Optional.empty();
    }
}
