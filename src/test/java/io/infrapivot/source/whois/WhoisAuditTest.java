package io.infrapivot.source.whois;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.source.registration.Contact;
import io.infrapivot.source.registration.RegistrationRecord;
import io.infrapivot.source.registration.RegistrationStatus;
import io.infrapivot.source.registration.TestFixtures;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The field-by-field audit of every domain WHOIS fixture: {@code whois-audit.psv} holds what each fixture says
 * (status, availability, lifecycle state, domain, registrar, created, updated, expires, name servers, registrant,
 * country), and each fixture is parsed twice — with the server that answers it, and offline with the format
 * guessed. {@link #perFieldPassRate()} prints the pass rate of each field over all fixtures and both readings.
 */
@Timeout(120)
class WhoisAuditTest {
    private static final Instant FETCHED = Instant.parse("2026-11-27T03:40:00Z");
    /** Fixtures of the RIRs' and ARIN's network answers: audited by the RPSL/ARIN tests, not here. */
    private static final Set<String> NETWORK_FIXTURES = Set.of("afrinic-inetnum.txt", "apnic-inetnum.txt",
            "arin-asn.txt", "arin-ip.txt", "arin-referral.txt", "lacnic-inetnum.txt", "ripe-autnum.txt",
            "ripe-inetnum.txt");
    private static final List<String> FIELDS = List.of("status", "availability", "lifecycle", "domain", "registrar",
            "created", "updated", "expires", "name servers", "registrant", "country");

    /** One row of the audit table. */
    record Row(String file, String server, Map<String, String> expected) {
        @Override
        public String toString() {
            return file;
        }
    }

    static List<Row> rows() {
        List<Row> out = new ArrayList<>();
        for (String line : TestFixtures.text("whois-audit.psv").split("\n")) {
            if (line.isBlank() || line.strip().startsWith("#")) continue;
            String[] cells = Arrays.stream(line.split("\\|", -1)).map(String::strip).toArray(String[]::new);
            if (cells.length != 12) throw new IllegalStateException("audit row without 12 cells: " + line);
            Map<String, String> e = new LinkedHashMap<>();
            e.put("status", cells[2]);
            e.put("availability", cells[2].equals("available") ? "available" : "not available");
            e.put("lifecycle", cells[3]);
            for (int i = 4; i < 12; i++) e.put(FIELDS.get(i - 1), cells[i]);
            out.add(new Row(cells[0], cells[1].equals("-") ? null : cells[1], e));
        }
        return out;
    }

    static Stream<Row> auditRows() {
        return rows().stream();
    }

    /** What the record gives for each audited field, in the table's notation. */
    static Map<String, String> actual(RegistrationRecord r) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("status", r.status().name().toLowerCase(Locale.ROOT));
        a.put("availability", r.status() == RegistrationStatus.AVAILABLE ? "available" : "not available");
        a.put("lifecycle", r.statuses().stream().filter(s -> s.equals("redemptionPeriod") || s.equals("pendingDelete")
                || s.equals("inactive")).findFirst().orElse("-"));
        a.put("domain", or(r.domain()));
        a.put("registrar", r.registrar() == null ? "-" : or(r.registrar().name()));
        a.put("created", date(r.created()));
        a.put("updated", date(r.updated()));
        a.put("expires", date(r.expires()));
        a.put("name servers", r.nameServers().isEmpty() ? "-" : String.join(" ", r.nameServers()));
        Contact reg = r.contacts() == null ? null : r.contacts().registrant();
        a.put("registrant", reg == null ? "-" : or(reg.organization() != null ? reg.organization() : reg.name()));
        a.put("country", reg == null ? "-" : or(reg.country()));
        return a;
    }

    private static String or(String v) {
        return v == null ? "-" : v;
    }

    private static String date(Instant i) {
        return i == null ? "-" : i.toString().replace("T00:00:00Z", "");
    }

    /** The fields that differ from the table, as "field: expected ≠ actual". */
    static List<String> misses(Row row, String server) {
        RegistrationRecord r = WhoisParser.parse(TestFixtures.text("whois/" + row.file()), server, null, FETCHED);
        Map<String, String> a = actual(r);
        List<String> out = new ArrayList<>();
        row.expected().forEach((field, want) -> {
            if (!want.equals("*") && !Objects.equals(want, a.get(field))) {
                out.add(field + ": expected <" + want + "> but was <" + a.get(field) + ">");
            }
        });
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("auditRows")
    void everyFieldWithTheServerKnown(Row row) {
        assertThat(misses(row, row.server())).as(row.file() + " @" + row.server()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("auditRows")
    void everyFieldOffline(Row row) {
        assertThat(misses(row, null)).as(row.file() + " offline").isEmpty();
    }

    @Test
    void everyDomainFixtureIsInTheAudit() throws IOException, URISyntaxException {
        Path dir = Path.of(WhoisAuditTest.class.getResource("/whois").toURI());
        Set<String> files = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt"))
                    .filter(n -> !NETWORK_FIXTURES.contains(n)).forEach(files::add);
        }
        Set<String> audited = new TreeSet<>();
        rows().forEach(r -> audited.add(r.file()));
        assertThat(audited).containsExactlyElementsOf(files);
    }

    @Test
    void perFieldPassRate() {
        Map<String, int[]> tally = new LinkedHashMap<>(); // field → {passed, checked}
        FIELDS.forEach(f -> tally.put(f, new int[2]));
        List<Row> rows = rows();
        for (Row row : rows) {
            for (String server : new String[] {row.server(), null}) {
                Set<String> missed = new TreeSet<>();
                misses(row, server).forEach(m -> missed.add(m.substring(0, m.indexOf(':'))));
                row.expected().forEach((field, want) -> {
                    if (want.equals("*")) return;
                    int[] t = tally.get(field);
                    t[1]++;
                    if (!missed.contains(field)) t[0]++;
                });
            }
        }
        StringBuilder report = new StringBuilder("WHOIS audit over " + rows.size() + " fixtures, 2 readings each:\n");
        Function<int[], Double> rate = t -> t[1] == 0 ? 1.0 : (double) t[0] / t[1];
        tally.forEach((field, t) -> report.append(String.format(Locale.ROOT, "  %-13s %4d/%-4d %6.2f %%%n", field,
                t[0], t[1], 100 * rate.apply(t))));
        System.out.print(report);
        tally.forEach((field, t) -> assertThat(rate.apply(t)).as(field + "\n" + report).isGreaterThanOrEqualTo(0.95));
    }
}
