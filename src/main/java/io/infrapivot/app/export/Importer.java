package io.infrapivot.app.export;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.ParseResult;
import io.infrapivot.model.RawAnswer;
import io.infrapivot.model.Relation;
import io.infrapivot.model.Safe;
import io.infrapivot.source.LookupResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a file another tool wrote — a STIX 2.1 bundle, a MISP event, infrapivot's jsonl or csv, any CSV or a
 * plain list, a Maltego MTGX graph — into an {@link ImportedGraph}, and stores it in a case. Everything in
 * the file is attacker-controlled: the file's size, an MTGX entry's size and every value's length are
 * bounded; XML is read without DTDs or external entities; every indicator goes through the
 * {@link IndicatorParser} (one that never reads local files, so no text in the file can name a file to hash).
 */
public final class Importer {
    /** The largest file read. */
    public static final long MAX_FILE = 64L << 20;
    /** The longest value taken as an indicator. */
    static final int MAX_VALUE = 2048;
    /** The import's source id prefix: facts are recorded as from {@code import:<file name>}. */
    public static final String SOURCE_PREFIX = "import:";

    private final IndicatorParser parser;
    private final ObjectMapper json;

    /** {@code parser} must be one that does not read files (see {@link #noFiles}). */
    public Importer(IndicatorParser parser) {
        this.parser = parser;
        this.json = new ObjectMapper();
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                .maxStringLength(1 << 20).build());
    }

    /** A parser like {@code p} that never reads local files. */
    public static IndicatorParser noFiles(IndicatorParser p) {
        return new IndicatorParser(p.suffixList(), false);
    }

    /** What was stored. */
    public record Stored(int indicators, int facts, boolean seeds, String source) {}

    /** Reads the file ({@link IllegalArgumentException} with a one-line reason when it is no format known here). */
    public ImportedGraph read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE) {
            throw new IllegalArgumentException(file.getFileName() + " is larger than " + (MAX_FILE >> 20) + " MiB");
        }
        return read(Files.readAllBytes(file));
    }

    /** The formats {@code --format} names (else the content is sniffed). */
    public static final List<String> FORMATS = List.of("stix21", "misp", "jsonl", "csv", "mtgx");

    /**
     * Reads {@code bytes} as {@code format} (one of {@link #FORMATS}), or sniffs the format as for a file when it is
     * null; {@link IllegalArgumentException} with a one-line reason when they are not of that format.
     */
    public ImportedGraph read(byte[] bytes, String format) throws IOException {
        if (format == null) return read(bytes);
        switch (format) {
            case "mtgx" -> {
                return mtgx(bytes);
            }
            case "csv" -> {
                return csv(text(bytes));
            }
            case "jsonl" -> {
                return jsonl(text(bytes));
            }
            case "stix21" -> {
                JsonNode root = json.readTree(text(bytes));
                if (!root.path("type").asText().equals("bundle")) throw new IllegalArgumentException("not a STIX 2.1 bundle");
                return stix(root);
            }
            case "misp" -> {
                JsonNode event = mispEvent(json.readTree(text(bytes)));
                if (event == null || !event.isObject()) throw new IllegalArgumentException("not a MISP event");
                return misp(event);
            }
            default -> throw new IllegalArgumentException("unknown format '" + Safe.oneLine(format) + "'; known: "
                    + String.join(", ", FORMATS));
        }
    }

    private static String text(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static JsonNode mispEvent(JsonNode root) {
        return root.has("Event") ? root.path("Event")
                : root.path("response").isArray() ? root.path("response").path(0).path("Event") : null;
    }

    public ImportedGraph read(byte[] bytes) throws IOException {
        if (bytes.length >= 2 && bytes[0] == 'P' && bytes[1] == 'K') return mtgx(bytes);
        String text = text(bytes);
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            String first = trimmed.lines().findFirst().orElse("");
            if (first.contains("\"kind\"") && first.strip().endsWith("}")) return jsonl(text);
            JsonNode root = json.readTree(text);
            if (root.path("type").asText().equals("bundle")) return stix(root);
            JsonNode event = mispEvent(root);
            if (event != null && event.isObject()) return misp(event);
            throw new IllegalArgumentException("a JSON file that is neither a STIX 2.1 bundle nor a MISP event");
        }
        return csv(text);
    }

    // ---- indicators through the parser ----

    private Optional<Indicator> typed(ImportedGraph g, IndicatorType type, String value) {
        if (value == null || value.isBlank()) return Optional.empty();
        if (value.length() > MAX_VALUE) {
            g.reject("a value longer than " + MAX_VALUE + " characters");
            return Optional.empty();
        }
        if (type == IndicatorType.FILE) {
            // a file is known by its SHA-256: checked as a hash, never read from disk
            return typed(g, IndicatorType.HASH, value).filter(h -> h.value().length() == 64)
                    .map(h -> Indicator.fromCanonical(IndicatorType.FILE, h.value()));
        }
        ParseResult r = type == IndicatorType.DOMAIN || type == IndicatorType.HOST ? parser.parseName(value)
                : parser.parseAs(type, value);
        if (r instanceof ParseResult.Parsed p) {
            Indicator i = p.parsed().indicator();
            return Optional.of(i);
        }
        g.reject(type.id() + " '" + Safe.oneLine(value.length() > 80 ? value.substring(0, 80) + "…" : value) + "'");
        return Optional.empty();
    }

    private Optional<Indicator> guessed(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_VALUE) return Optional.empty();
        return parser.parse(value) instanceof ParseResult.Parsed p ? Optional.of(p.parsed().indicator())
                : Optional.empty();
    }

    private Optional<Indicator> typeAndValue(ImportedGraph g, String type, String value) {
        Optional<IndicatorType> t = IndicatorType.fromId(type);
        if (t.isEmpty()) {
            g.reject("unknown indicator type '" + Safe.oneLine(String.valueOf(type)) + "'");
            return Optional.empty();
        }
        return typed(g, t.get(), value);
    }

    private static Instant time(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static Instant time(JsonNode n) {
        return n == null || !n.isTextual() ? null : time(n.asText());
    }

    private static Relation linkRelation(String id) {
        return Relation.fromId(id).filter(r -> r.kind() == Relation.Kind.LINK).orElse(null);
    }

    // ---- STIX 2.1 ----

    private ImportedGraph stix(JsonNode bundle) {
        ImportedGraph g = new ImportedGraph("stix21");
        Map<String, Indicator> byId = new HashMap<>();
        JsonNode objects = bundle.path("objects");
        for (JsonNode o : objects) {
            String type = o.path("type").asText();
            String id = o.path("id").asText();
            Optional<IndicatorType> hint = IndicatorType.fromId(o.path("x_infrapivot_type").asText(null));
            Optional<Indicator> i = switch (type) {
                case "domain-name" -> typed(g, hint.filter(h -> h == IndicatorType.HOST || h == IndicatorType.DOMAIN)
                        .orElse(IndicatorType.DOMAIN), o.path("value").asText(null));
                case "ipv4-addr", "ipv6-addr" -> {
                    String v = o.path("value").asText(null);
                    yield typed(g, v != null && v.contains("/") ? IndicatorType.CIDR : IndicatorType.IP, v);
                }
                case "email-addr" -> typed(g, IndicatorType.EMAIL, o.path("value").asText(null));
                case "url" -> typed(g, IndicatorType.URL, o.path("value").asText(null));
                case "autonomous-system" -> o.path("number").canConvertToLong()
                        ? typed(g, IndicatorType.ASN, "AS" + o.path("number").asLong()) : Optional.empty();
                case "file" -> hash(g, o.path("hashes"), hint.orElse(IndicatorType.HASH));
                case "x509-certificate" -> {
                    JsonNode h = o.path("hashes");
                    String fp = h.path("SHA-256").asText(h.path("SHA-1").asText(null));
                    if (fp != null) yield typed(g, IndicatorType.CERT, fp);
                    String serial = o.path("serial_number").asText(null);
                    String issuer = o.path("issuer").asText(null);
                    yield serial == null || issuer == null ? Optional.empty()
                            : typed(g, IndicatorType.CERT, "serial:" + serial + ";issuer:" + issuer);
                }
                case "identity" -> {
                    if (id.equals(StixWriter.IDENTITY_ID)) yield Optional.empty();
                    String cls = o.path("identity_class").asText("");
                    IndicatorType t = cls.equals("organization") ? IndicatorType.ORG
                            : cls.equals("individual") ? IndicatorType.PERSON : null;
                    yield t == null ? Optional.empty() : typed(g, t, o.path("name").asText(null));
                }
                default -> Optional.empty();
            };
            i.ifPresent(ind -> {
                byId.put(id, ind);
                g.indicators.add(ind);
            });
        }
        for (JsonNode o : objects) {
            String type = o.path("type").asText();
            Indicator self = byId.get(o.path("id").asText());
            if (type.equals("relationship")) {
                Indicator s = byId.get(o.path("source_ref").asText());
                Indicator t = byId.get(o.path("target_ref").asText());
                Relation r = linkRelation(o.path("x_infrapivot_relation").asText(""));
                if (r == null) {
                    r = switch (o.path("relationship_type").asText()) {
                        case "resolves-to" -> Relation.RESOLVES_TO;
                        case "belongs-to" -> t != null && t.type() == IndicatorType.ASN ? Relation.ANNOUNCED_BY
                                : Relation.RELATED;
                        default -> Relation.RELATED;
                    };
                }
                g.link(s, r, t, time(o.get("start_time")), time(o.get("stop_time")), null);
            } else if (self != null) {
                for (JsonNode ref : o.path("resolves_to_refs")) {
                    Indicator t = byId.get(ref.asText());
                    if (t != null && t.type() == IndicatorType.IP) g.link(self, Relation.RESOLVES_TO, t, null, null, null);
                }
                for (JsonNode ref : o.path("belongs_to_refs")) {
                    Indicator t = byId.get(ref.asText());
                    if (t != null && t.type() == IndicatorType.ASN) g.link(self, Relation.ANNOUNCED_BY, t, null, null, null);
                }
            }
        }
        return g;
    }

    private Optional<Indicator> hash(ImportedGraph g, JsonNode hashes, IndicatorType type) {
        for (String alg : List.of("SHA-256", "SHA-512", "SHA-1", "MD5", "SHA-384", "SHA-224", "SSDEEP", "TLSH")) {
            String v = hashes.path(alg).asText(null);
            if (v == null) continue;
            if (type == IndicatorType.FILE && alg.equals("SHA-256")) return typed(g, IndicatorType.FILE, v);
            return typed(g, IndicatorType.HASH, alg.equals("TLSH") && v.length() == 70 ? "T1" + v : v);
        }
        return Optional.empty();
    }

    // ---- MISP ----

    private ImportedGraph misp(JsonNode event) {
        ImportedGraph g = new ImportedGraph("misp");
        Map<String, Indicator> byUuid = new HashMap<>();
        for (JsonNode a : event.path("Attribute")) {
            Optional<Indicator> i = mispAttribute(g, a);
            i.ifPresent(ind -> {
                g.indicators.add(ind);
                byUuid.put(a.path("uuid").asText(), ind);
            });
        }
        for (JsonNode o : event.path("Object")) {
            Map<String, List<Indicator>> parts = new HashMap<>();
            for (JsonNode a : o.path("Attribute")) {
                String rel = a.path("object_relation").asText();
                Optional<Indicator> i = switch (rel) {
                    case "rrname", "queried-domain" -> typed(g, IndicatorType.HOST, a.path("value").asText(null));
                    case "rdata" -> guessed(a.path("value").asText(null));
                    case "rrtype", "time_first", "time_last", "count" -> Optional.empty();
                    default -> mispAttribute(g, a);
                };
                i.ifPresent(ind -> parts.computeIfAbsent(rel, k -> new ArrayList<>()).add(ind));
            }
            Instant first = time(o.get("first_seen"));
            Instant last = time(o.get("last_seen"));
            switch (o.path("name").asText()) {
                case "domain-ip" -> {
                    for (Indicator ip : parts.getOrDefault("ip", List.of())) {
                        for (String k : List.of("domain", "hostname")) {
                            for (Indicator n : parts.getOrDefault(k, List.of())) {
                                g.link(n, Relation.RESOLVES_TO, ip, first, last, null);
                            }
                        }
                    }
                }
                case "passive-dns" -> {
                    String rrtype = "";
                    Instant tf = null;
                    Instant tl = null;
                    Long count = null;
                    for (JsonNode a : o.path("Attribute")) {
                        switch (a.path("object_relation").asText()) {
                            case "rrtype" -> rrtype = a.path("value").asText().toUpperCase(Locale.ROOT);
                            case "time_first" -> tf = time(a.get("value"));
                            case "time_last" -> tl = time(a.get("value"));
                            case "count" -> count = a.path("value").asText().matches("\\d{1,18}")
                                    ? Long.parseLong(a.path("value").asText()) : null;
                            default -> {
                            }
                        }
                    }
                    Relation r = switch (rrtype) {
                        case "A", "AAAA" -> Relation.RESOLVES_TO;
                        case "CNAME" -> Relation.ALIAS_OF;
                        case "NS" -> Relation.NAME_SERVER;
                        case "MX" -> Relation.MAIL_SERVER;
                        default -> null;
                    };
                    for (Indicator n : parts.getOrDefault("rrname", List.of())) {
                        for (Indicator d : parts.getOrDefault("rdata", List.of())) g.link(n, r, d, tf, tl, count);
                    }
                }
                case "dns-record" -> {
                    List<Indicator> queried = parts.getOrDefault("queried-domain", List.of());
                    Map<String, Relation> kinds = Map.of("cname-record", Relation.ALIAS_OF, "ns-record",
                            Relation.NAME_SERVER, "mx-record", Relation.MAIL_SERVER, "soa-record", Relation.SOA_PRIMARY,
                            "srv-record", Relation.SERVICE_HOST, "a-record", Relation.RESOLVES_TO, "aaaa-record",
                            Relation.RESOLVES_TO);
                    for (Indicator q : queried) {
                        kinds.forEach((k, r) -> parts.getOrDefault(k, List.of()).forEach(
                                t -> g.link(q, r, t, first, last, null)));
                        Optional<Indicator> ip = fromArpa(q.value());
                        ip.ifPresent(a -> parts.getOrDefault("ptr-record", List.of()).forEach(
                                t -> g.link(a, Relation.PTR, t, first, last, null)));
                    }
                }
                case "whois" -> {
                    Map<String, Relation> kinds = Map.of("registrar", Relation.REGISTRAR, "registrant-email",
                            Relation.REGISTRANT_EMAIL, "registrant-name", Relation.REGISTRANT_NAME, "registrant-org",
                            Relation.REGISTRANT_ORG, "registrant-phone", Relation.REGISTRANT_PHONE, "nameserver",
                            Relation.NAME_SERVER);
                    for (Indicator d : parts.getOrDefault("domain", List.of())) {
                        kinds.forEach((k, r) -> parts.getOrDefault(k, List.of()).forEach(
                                t -> g.link(d, r, t, first, last, null)));
                    }
                }
                case "asn" -> {
                    for (Indicator as : parts.getOrDefault("asn", List.of())) {
                        parts.getOrDefault("subnet-announced", List.of()).forEach(
                                n -> g.link(n, Relation.ANNOUNCED_BY, as, first, last, null));
                    }
                }
                case "x509" -> {
                    List<Indicator> certs = new ArrayList<>();
                    certs.addAll(parts.getOrDefault("x509-fingerprint-sha256", List.of()));
                    certs.addAll(parts.getOrDefault("x509-fingerprint-sha1", List.of()));
                    for (Indicator c : certs) {
                        parts.getOrDefault("dns_names", List.of()).forEach(
                                n -> g.link(c, Relation.CERT_NAME, n, first, last, null));
                    }
                }
                default -> parts.values().forEach(g.indicators::addAll);
            }
        }
        return g;
    }

    private Optional<Indicator> mispAttribute(ImportedGraph g, JsonNode a) {
        String type = a.path("type").asText();
        String value = a.path("value").asText(null);
        Optional<IndicatorType> tagged = Optional.empty();
        for (JsonNode t : a.path("Tag")) {
            String name = t.path("name").asText();
            if (name.startsWith("infrapivot:type=\"") && name.endsWith("\"")) {
                tagged = IndicatorType.fromId(name.substring(17, name.length() - 1));
            }
        }
        if (tagged.isPresent()) {
            return typed(g, tagged.get(), tagged.get() == IndicatorType.ASN && value != null && !value.startsWith("AS")
                    ? "AS" + value : value);
        }
        IndicatorType t = switch (type) {
            case "domain" -> IndicatorType.DOMAIN;
            case "hostname" -> IndicatorType.HOST;
            case "url", "uri" -> IndicatorType.URL;
            case "AS" -> IndicatorType.ASN;
            case "email", "email-src", "email-dst", "whois-registrant-email" -> IndicatorType.EMAIL;
            case "md5", "sha1", "sha224", "sha256", "sha384", "sha512", "ssdeep", "tlsh" -> IndicatorType.HASH;
            case "x509-fingerprint-sha256", "x509-fingerprint-sha1" -> IndicatorType.CERT;
            case "whois-registrant-org", "whois-registrar" -> IndicatorType.ORG;
            case "whois-registrant-name" -> IndicatorType.PERSON;
            case "whois-registrant-phone" -> IndicatorType.PHONE;
            case "ip-dst", "ip-src", "ip" -> value != null && value.contains("/") ? IndicatorType.CIDR : IndicatorType.IP;
            default -> null;
        };
        if (t == null) return Optional.empty();
        if (t == IndicatorType.ASN && value != null && !value.toUpperCase(Locale.ROOT).startsWith("AS")) value = "AS" + value;
        return typed(g, t, value);
    }

    /** The IP address a reverse-DNS name stands for. */
    private Optional<Indicator> fromArpa(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".in-addr.arpa")) {
            String[] p = n.substring(0, n.length() - 13).split("\\.");
            if (p.length != 4) return Optional.empty();
            return parsedAs(IndicatorType.IP, p[3] + "." + p[2] + "." + p[1] + "." + p[0]);
        }
        if (n.endsWith(".ip6.arpa")) {
            String[] p = n.substring(0, n.length() - 9).split("\\.");
            if (p.length != 32) return Optional.empty();
            StringBuilder b = new StringBuilder();
            for (int k = 31; k >= 0; k--) {
                b.append(p[k]);
                if (k % 4 == 0 && k > 0) b.append(':');
            }
            return parsedAs(IndicatorType.IP, b.toString());
        }
        return Optional.empty();
    }

    private Optional<Indicator> parsedAs(IndicatorType t, String v) {
        return parser.parseAs(t, v) instanceof ParseResult.Parsed p ? Optional.of(p.parsed().indicator())
                : Optional.empty();
    }

    // ---- infrapivot jsonl ----

    private ImportedGraph jsonl(String text) throws IOException {
        ImportedGraph g = new ImportedGraph("jsonl");
        for (String line : (Iterable<String>) text.lines()::iterator) {
            if (line.isBlank()) continue;
            JsonNode o = json.readTree(line);
            switch (o.path("kind").asText()) {
                case "node" -> typeAndValue(g, o.path("type").asText(), o.path("value").asText(null))
                        .ifPresent(g.indicators::add);
                case "edge" -> {
                    Optional<Indicator> s = typeAndValue(g, o.path("source").path("type").asText(),
                            o.path("source").path("value").asText(null));
                    Optional<Indicator> t = typeAndValue(g, o.path("target").path("type").asText(),
                            o.path("target").path("value").asText(null));
                    Relation r = linkRelation(o.path("relation").asText());
                    if (s.isPresent() && t.isPresent() && r != null) {
                        g.link(s.get(), r, t.get(), time(o.get("first_seen")), time(o.get("last_seen")),
                                o.path("count").canConvertToLong() ? o.path("count").asLong() : null);
                    }
                }
                case "attribute" -> {
                    Optional<Indicator> s = typeAndValue(g, o.path("subject").path("type").asText(),
                            o.path("subject").path("value").asText(null));
                    Optional<Relation> r = Relation.fromId(o.path("relation").asText())
                            .filter(x -> x.kind() == Relation.Kind.ATTRIBUTE && x != Relation.NOISE);
                    JsonNode v = o.get("value");
                    if (s.isPresent() && r.isPresent() && v != null && !v.isNull()) {
                        g.indicators.add(s.get());
                        g.attributes.add(new ImportedGraph.Attribute(s.get(), r.get(), v, time(o.get("first_seen")),
                                time(o.get("last_seen"))));
                    }
                }
                default -> {
                }
            }
        }
        return g;
    }

    // ---- CSV (infrapivot's own, any other, or a plain list) ----

    private ImportedGraph csv(String text) throws IOException {
        List<List<String>> rows = Csv.parse(text);
        if (!rows.isEmpty() && rows.get(0).equals(CsvWriter.HEADER)) return ownCsv(rows);
        ImportedGraph g = new ImportedGraph("csv");
        for (List<String> row : rows) {
            for (String cell : row) guessed(cell.strip()).ifPresent(g.indicators::add);
        }
        return g;
    }

    private ImportedGraph ownCsv(List<List<String>> rows) throws IOException {
        ImportedGraph g = new ImportedGraph("csv");
        for (List<String> raw : rows.subList(1, rows.size())) {
            if (raw.size() < CsvWriter.HEADER.size()) continue;
            List<String> r = raw.stream().map(Csv::unneutralise).toList();
            switch (r.get(0)) {
                case "node" -> typeAndValue(g, r.get(2), r.get(3)).ifPresent(g.indicators::add);
                case "edge" -> {
                    Optional<Indicator> s = typeAndValue(g, r.get(2), r.get(3));
                    Optional<Indicator> t = typeAndValue(g, r.get(5), r.get(6));
                    Relation rel = linkRelation(r.get(4));
                    if (s.isPresent() && t.isPresent() && rel != null) {
                        g.link(s.get(), rel, t.get(), time(r.get(9)), time(r.get(10)),
                                r.get(11).matches("\\d{1,18}") ? Long.parseLong(r.get(11)) : null);
                    }
                }
                case "attribute" -> {
                    Optional<Indicator> s = typeAndValue(g, r.get(2), r.get(3));
                    Optional<Relation> rel = Relation.fromId(r.get(4))
                            .filter(x -> x.kind() == Relation.Kind.ATTRIBUTE && x != Relation.NOISE);
                    if (s.isPresent() && rel.isPresent() && !r.get(7).isEmpty()) {
                        g.indicators.add(s.get());
                        g.attributes.add(new ImportedGraph.Attribute(s.get(), rel.get(), json.readTree(r.get(7)),
                                time(r.get(9)), time(r.get(10))));
                    }
                }
                default -> {
                }
            }
        }
        return g;
    }

    // ---- Maltego MTGX ----

    private ImportedGraph mtgx(byte[] bytes) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.getName().startsWith("Graphs/") && e.getName().endsWith(".graphml")) {
                    return mtgxGraph(zip.readNBytes((int) MAX_FILE));
                }
            }
        }
        throw new IllegalArgumentException("a zip file without Graphs/*.graphml (not a Maltego MTGX file)");
    }

    private ImportedGraph mtgxGraph(byte[] graphml) throws IOException {
        ImportedGraph g = new ImportedGraph("mtgx");
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        Map<String, Indicator> nodes = new HashMap<>();
        try (InputStream in = new ByteArrayInputStream(graphml)) {
            XMLStreamReader r = f.createXMLStreamReader(in);
            String nodeId = null;
            String source = null;
            String target = null;
            String entityType = null;
            String propName = null;
            Map<String, String> props = new HashMap<>();
            StringBuilder value = new StringBuilder();
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "node" -> {
                            nodeId = r.getAttributeValue(null, "id");
                            props.clear();
                        }
                        case "edge" -> {
                            source = r.getAttributeValue(null, "source");
                            target = r.getAttributeValue(null, "target");
                            props.clear();
                        }
                        case "MaltegoEntity" -> entityType = r.getAttributeValue(null, "type");
                        case "Property" -> propName = r.getAttributeValue(null, "name");
                        case "Value" -> value.setLength(0);
                        default -> {
                        }
                    }
                } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                    if (value.length() < MAX_VALUE + 1) value.append(r.getText());
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "Value" -> {
                            if (propName != null && props.size() < 64) props.put(propName, value.toString());
                        }
                        case "node" -> {
                            Optional<Indicator> i = mtgxEntity(g, entityType, props);
                            i.ifPresent(g.indicators::add);
                            if (nodeId != null && i.isPresent()) nodes.put(nodeId, i.get());
                            nodeId = null;
                            entityType = null;
                        }
                        case "edge" -> {
                            Relation rel = linkRelation(props.getOrDefault("infrapivot.relation",
                                    props.getOrDefault("maltego.link.manual.type", "")));
                            g.link(nodes.get(source), rel == null ? Relation.RELATED : rel, nodes.get(target),
                                    time(props.get("infrapivot.first_seen")), time(props.get("infrapivot.last_seen")),
                                    null);
                        }
                        default -> {
                        }
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("the MTGX graph is not well-formed XML: " + Safe.oneLine(e.getMessage()));
        }
        return g;
    }

    private Optional<Indicator> mtgxEntity(ImportedGraph g, String entityType, Map<String, String> props) {
        if (entityType == null) return Optional.empty();
        Optional<IndicatorType> t = IndicatorType.fromId(props.get("infrapivot.type"));
        if (t.isEmpty()) t = Maltego.typeOf(entityType);
        if (t.isEmpty()) return Optional.empty();
        String main = null;
        for (String k : List.of("fqdn", "ipv4-address", "ipv6-address", "ipv4-range", "as.number", "email", "url",
                "properties.hash", "properties.x509certificate", "title", "person.fullname", "phonenumber", "text")) {
            if (props.containsKey(k)) {
                main = props.get(k);
                break;
            }
        }
        if (main != null && t.get() == IndicatorType.ASN && !main.toUpperCase(Locale.ROOT).startsWith("AS")) {
            main = "AS" + main;
        }
        return typed(g, t.get(), main);
    }

    // ---- storing ----

    /**
     * Stores the graph: with {@code asSeeds} its indicators become the case's seeds (and nothing else is
     * stored); otherwise one lookup record from source {@code import:<file name>} for the file (its SHA-256 as
     * a {@code file} indicator, the file itself kept as evidence) holds every link and attribute as a fact;
     * an indicator the file names without any link is recorded as {@code file —contains→ indicator}.
     */
    public Stored store(CaseStore store, String fileName, byte[] bytes, ImportedGraph g, boolean asSeeds,
                        Clock clock) {
        if (asSeeds) {
            store.addSeeds(List.copyOf(g.indicators));
            return new Stored(g.indicators.size(), 0, true, null);
        }
        String source = SOURCE_PREFIX + sourceName(fileName);
        Instant now = clock.instant();
        Indicator file = Indicator.fromCanonical(IndicatorType.FILE, sha256(bytes));
        RawAnswer raw = new RawAnswer(source, "import " + sourceName(fileName), bytes, contentType(g.format), "ok", now,
                Duration.ZERO);
        List<Observation> obs = new ArrayList<>();
        Set<Indicator> linked = new HashSet<>();
        for (ImportedGraph.Link l : g.links) {
            obs.add(new Observation(l.subject(), l.relation(), l.object(), null, source, l.firstSeen(),
                    l.lastSeen() != null && l.firstSeen() != null && l.lastSeen().isBefore(l.firstSeen()) ? l.firstSeen()
                            : l.lastSeen(), now, l.count(), raw));
            linked.add(l.subject());
            linked.add(l.object());
        }
        for (ImportedGraph.Attribute a : g.attributes) {
            obs.add(new Observation(a.subject(), a.relation(), null, a.value(), source, a.firstSeen(), a.lastSeen(), now,
                    null, raw));
            linked.add(a.subject());
        }
        for (Indicator i : g.indicators) {
            if (!linked.contains(i) && !i.equals(file)) obs.add(Observation.link(file, Relation.CONTAINS, i, source, now, raw));
        }
        store.saveLookup(source, file, "file=" + sourceName(fileName), now, clock.instant(),
                LookupResult.of(obs, List.of(raw)), Duration.ZERO);
        return new Stored(g.indicators.size(), obs.size(), false, source);
    }

    /** The file's name as a source id part: its last path element, only [A-Za-z0-9._-], at most 64 characters. */
    static String sourceName(String fileName) {
        String base = Path.of(fileName).getFileName() == null ? "file" : Path.of(fileName).getFileName().toString();
        String clean = base.replaceAll("[^A-Za-z0-9._-]", "_");
        if (clean.isEmpty()) clean = "file";
        return clean.length() > 64 ? clean.substring(0, 64) : clean;
    }

    private static String contentType(String format) {
        return switch (format) {
            case "stix21", "misp" -> "application/json";
            case "jsonl" -> "application/x-ndjson";
            case "mtgx" -> "application/zip";
            default -> "text/csv";
        };
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
