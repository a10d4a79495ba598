package io.infrapivot.source.crtsh;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.source.thirdparty.CertRecord;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.thirdparty.Times;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * crt.sh JSON output ({@code /?q=NAME&output=json}): an array of entries with {@code id},
 * {@code issuer_name} (a DN), {@code common_name}, {@code name_value} (names separated by new lines,
 * wildcards as "*.example.com"), {@code serial_number} (hex), {@code not_before}, {@code not_after}
 * (UTC, no offset) and {@code entry_timestamp}. crt.sh gives no fingerprint; the precertificate and the
 * certificate of one issuance come as two entries with the same issuer and serial and are merged here.
 */
public final class CrtShParser {
    private CrtShParser() {}

    public static List<CertRecord> parse(String body) throws ServiceException {
        JsonNode root = Json.read(body);
        if (!root.isArray()) throw new ServiceException(ErrorClass.GARBAGE, "expected a JSON array");
        Map<String, CertRecord> byKey = new LinkedHashMap<>();
        for (JsonNode e : root) {
            String serial = Json.text(e, "serial_number");
            String issuer = Json.text(e, "issuer_name");
            Set<String> names = new LinkedHashSet<>();
            String nv = Json.text(e, "name_value");
            if (nv != null) {
                for (String n : nv.split("\\R")) if (!n.isBlank()) names.add(n.strip().toLowerCase(Locale.ROOT));
            }
            String cn = Json.text(e, "common_name");
            if (cn != null && names.isEmpty()) names.add(cn.toLowerCase(Locale.ROOT));
            String id = Json.text(e, "id");
            String key = serial != null && issuer != null ? issuer + "|" + serial.toLowerCase(Locale.ROOT) : "id:" + id;
            CertRecord prev = byKey.get(key);
            if (prev != null) {
                Set<String> merged = new LinkedHashSet<>(prev.names());
                merged.addAll(names);
                byKey.put(key, new CertRecord(null, null, prev.serial(), prev.issuer(), prev.issuerOrg(),
                        prev.notBefore(), prev.notAfter(), List.copyOf(merged), prev.serviceId()));
                continue;
            }
            byKey.put(key, new CertRecord(null, null, serial == null ? null : serial.toLowerCase(Locale.ROOT), issuer,
                    CertRecord.organisationOf(issuer), Times.of(e, "not_before"), Times.of(e, "not_after"),
                    new ArrayList<>(names), id));
        }
        return List.copyOf(byKey.values());
    }
}
