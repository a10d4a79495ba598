package io.infrapivot.source.thirdparty;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import java.util.List;
import java.util.Optional;

/**
 * Turns certificate-transparency entries into observations:
 * <ul>
 *   <li>a certificate with a SHA-256 fingerprint becomes a {@code cert} indicator:
 *       {@code cert —cert-name→ name} for each name it covers (a wildcard's base name, with
 *       {@code {"wildcard":"*.example.com"}} kept on the link) and {@code cert —cert-issuer→ org} carrying the
 *       serial, issuer DN, validity and the service's entry id as the link's value; the validity window is
 *       the fact's first/last seen, so {@code --since} leaves out certificates expired before that date;</li>
 *   <li>every name strictly below the looked-up domain gives {@code domain —subdomain→ name}, fingerprint or
 *       not (crt.sh gives none, and the parser has no issuer+serial form for {@code cert} indicators, so
 *       crt.sh certificates contribute their names, and their details stay in the raw evidence).</li>
 * </ul>
 */
public final class CertMapper {
    private CertMapper() {}

    public static void map(Indicator queried, List<CertRecord> certs, Facts facts) {
        for (CertRecord c : certs) {
            Optional<Indicator> cert = c.sha256() == null ? Optional.empty() : facts.as(IndicatorType.CERT, c.sha256());
            for (String n : c.names()) {
                Optional<Indicator> name = facts.name(n);
                if (name.isEmpty()) continue;
                ObjectNode v = n.startsWith("*.") ? Json.object().put("wildcard", n) : null;
                cert.ifPresent(k -> facts.link(k, Relation.CERT_NAME, name.get(), v, c.notBefore(), c.notAfter(), null));
                if (queried.type() == IndicatorType.DOMAIN && Facts.below(name.get(), queried)) {
                    facts.link(queried, Relation.SUBDOMAIN, name.get(), null, c.notBefore(), c.notAfter(), null);
                }
            }
            if (cert.isPresent() && c.issuerOrg() != null) {
                facts.as(IndicatorType.ORG, c.issuerOrg()).ifPresent(org -> facts.link(cert.get(),
                        Relation.CERT_ISSUER, org, details(c), c.notBefore(), c.notAfter(), null));
            }
        }
    }

    private static ObjectNode details(CertRecord c) {
        ObjectNode v = Json.object();
        if (c.serial() != null) v.put("serial", c.serial());
        if (c.issuer() != null) v.put("issuer", c.issuer());
        if (c.notBefore() != null) v.put("not_before", c.notBefore().toString());
        if (c.notAfter() != null) v.put("not_after", c.notAfter().toString());
        if (c.tbsSha256() != null) v.put("tbs_sha256", c.tbsSha256());
        if (c.serviceId() != null) v.put("entry_id", c.serviceId());
        return v;
    }
}
