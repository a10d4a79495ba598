package io.infrapivot.source.dns.bulk;

import io.infrapivot.model.Relation;
import io.infrapivot.source.dns.Finding;
import io.infrapivot.source.dns.Json;
import io.infrapivot.source.dns.Ref;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Type;

/**
 * The findings of one bulk result, for storing in a case: the same relations the {@code dns} source uses
 * (resolves-to, alias-of, mail-server, name-server, ptr; dns-record for other data and for outcomes).
 */
public final class BulkFindings {
    private BulkFindings() {}

    public static List<Finding> of(BulkResult r) {
        Ref self = Ref.name(r.name());
        List<Finding> out = new ArrayList<>();
        String type = Type.string(r.type());
        // the chain is kept whatever the outcome: NXDOMAIN or NODATA with a chain is about its last name
        String prev = r.name();
        for (String c : r.cnames()) {
            out.add(Finding.link(Ref.name(prev), Relation.ALIAS_OF, Ref.name(c), Json.type("CNAME"), null));
            prev = c;
        }
        if (r.status() != BulkStatus.ANSWER) {
            var v = Json.type(type).put("outcome", r.status().id());
            if (!r.cnames().isEmpty()) {
                v.put("name", prev);
                var chain = v.putArray("chain").add(r.name());
                r.cnames().forEach(chain::add);
                if (r.status() == BulkStatus.NXDOMAIN) v.put("dangling", true);
                out.add(Finding.attribute(self, Relation.DNS_RECORD, v, null));
                out.add(Finding.attribute(Ref.name(prev), Relation.DNS_RECORD, Json.type(type)
                        .put("outcome", r.status().id()), null));
            } else {
                out.add(Finding.attribute(self, Relation.DNS_RECORD, v, null));
            }
            return out;
        }
        for (String a : r.answers()) {
            Finding f = switch (r.type()) {
                case Type.A, Type.AAAA -> Finding.link(self, Relation.RESOLVES_TO, Ref.ip(a), Json.type(type), null);
                case Type.MX -> mx(self, a);
                case Type.NS -> Finding.link(self, Relation.NAME_SERVER, Ref.name(strip(a)), Json.type(type), null);
                default -> Finding.attribute(self, Relation.DNS_RECORD, Json.type(type).put("data", a), null);
            };
            out.add(f);
        }
        return out;
    }

    private static Finding mx(Ref self, String data) {
        String[] p = data.split(" ", 2);
        if (p.length < 2 || p[1].equals(".")) {
            return Finding.attribute(self, Relation.DNS_RECORD, Json.type("MX").put("data", data), null);
        }
        return Finding.link(self, Relation.MAIL_SERVER, Ref.name(strip(p[1])), Json.type("MX").put("preference",
                p[0]), null);
    }

    private static String strip(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
