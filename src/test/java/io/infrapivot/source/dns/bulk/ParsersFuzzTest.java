package io.infrapivot.source.dns.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.infrapivot.source.crtsh.CertificateDownload;
import io.infrapivot.source.crtsh.CrtShParser;
import io.infrapivot.source.dnsdb.DnsdbParser;
import io.infrapivot.source.pdns.Cof;
import io.infrapivot.source.pdns.PdnsMapper;
import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.Facts;
import io.infrapivot.source.certspotter.CertspotterParser;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.source.rdap.RdapParser;
import io.infrapivot.source.thirdparty.CertRecord;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.whois.WhoisParser;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.xbill.DNS.Type;

/**
 * Coverage-guided fuzzing (Jazzer) of the parsers that read attacker-controlled bytes: WHOIS text, RDAP JSON,
 * DNS packets (our bulk decoder and dnsjava's, as evidence is decoded), certificate fields (crt.sh and Cert
 * Spotter JSON, PEM certificates), passive-DNS lines (COF, the Common Output Format of CIRCL and Robtex, and
 * DNSDB's streaming lines of COF objects, mapped to facts as the sources map them), extracted documents (the
 * {@code extract} pipeline: type sniffing, archives, Tika's document parsers, the indicator scanner), executables
 * (the {@code file} source's PE/ELF/Mach-O readers) and web pages (the {@code web} source's page reader). One fuzz test picks the
 * parser from the first byte (modulo {@link #PARSERS}) (Jazzer fuzzes one test per
 * run), seeded from the fixtures (src/test/resources/.../ParsersFuzzTestInputs/parsers, made by
 * scripts/fuzz-seeds.sh). In the test suite it runs in fuzzing mode for a bounded time (surefire sets
 * JAZZER_FUZZ; `maxDuration`). A failure is: any exception a parser does not declare (a crash), an input that
 * takes more than {@link #MAX_MILLIS} (a hang: Jazzer's per-input timeout ends the run), or one whose parsing
 * allocates more than {@link #MAX_ALLOCATION} bytes (unbounded allocation).
 */
class ParsersFuzzTest {
    static final long MAX_ALLOCATION = 256L << 20;
    static final long MAX_MILLIS = 10_000;
    /** How many parsers the first byte chooses from. */
    static final int PARSERS = 9;
    private static final IndicatorParser PARSER = IndicatorParser.standard();
    private static final Indicator QUERIED = Indicator.fromCanonical(IndicatorType.DOMAIN, "victim.example");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Loads each parser's classes and data once, so that the limits measure parsing, not start-up. */
    @org.junit.jupiter.api.BeforeAll
    static void warmUp() throws Exception {
        for (int parser = 0; parser < PARSERS; parser++) {
            byte[] input = ("" + (char) parser + "domain: x.example\n").getBytes(StandardCharsets.ISO_8859_1);
            new ParsersFuzzTest().parse(input);
        }
        // the passive-DNS mapping runs only on lines that parse: load its classes with valid COF and DNSDB lines
        passiveDns(("{\"rrname\":\"www.victim.example\",\"rrtype\":\"A\",\"rdata\":\"192.0.2.1\","
                + "\"time_first\":1441242410,\"time_last\":1460542918,\"count\":3}\n"
                + "{\"rrname\":\"victim.example\",\"rrtype\":\"NS\",\"rdata\":[\"ns1.victim.example.\"]}\n")
                .getBytes(StandardCharsets.UTF_8));
        passiveDns(("{\"cond\":\"begin\"}\n{\"obj\":{\"rrname\":\"victim.example.\",\"rrtype\":\"MX\","
                + "\"rdata\":[\"10 mx.victim.example.\"],\"time_first\":1441242410,\"time_last\":1460542918}}\n"
                + "{\"cond\":\"succeeded\"}\n").getBytes(StandardCharsets.UTF_8));
        // the document, executable and page readers load most of their classes (Tika's parsers, PDFBox, jsoup) on
        // their first real input: run their seeds once, unmeasured
        java.net.URL dir = ParsersFuzzTest.class.getResource("ParsersFuzzTestInputs/parsers");
        if (dir != null && "file".equals(dir.getProtocol())) {
            try (var seeds = java.nio.file.Files.list(java.nio.file.Path.of(dir.toURI()))) {
                for (java.nio.file.Path seed : seeds.sorted().toList()) {
                    String n = seed.getFileName().toString();
                    byte[] b = java.nio.file.Files.readAllBytes(seed);
                    if (b.length < 2) continue;
                    byte[] body = java.util.Arrays.copyOfRange(b, 1, b.length);
                    if (n.startsWith("6-")) extract(body);
                    else if (n.startsWith("7-")) executable(body);
                    else if (n.startsWith("8-")) page(body);
                }
            }
        }
    }

    @FuzzTest(maxDuration = "15s")
    void parsers(byte[] input) throws Exception {
        parse(input);
    }

    void parse(byte[] input) throws Exception {
        if (input.length == 0) return;
        int which = (input[0] & 0xff) % PARSERS;
        byte[] bytes = java.util.Arrays.copyOfRange(input, 1, input.length);
        long allocated = THREADS.getCurrentThreadAllocatedBytes();
        long t0 = System.nanoTime();
        switch (which) {
            case 0 -> whois(bytes);
            case 1 -> rdap(bytes);
            case 2 -> dns(bytes);
            case 3 -> certificates(bytes);
            case 4 -> pem(bytes);
            case 5 -> passiveDns(bytes);
            case 6 -> extract(bytes);
            case 7 -> executable(bytes);
            default -> page(bytes);
        }
        long took = (System.nanoTime() - t0) / 1_000_000;
        long used = THREADS.getCurrentThreadAllocatedBytes() - allocated;
        assertThat(took).as("parser %d took %d ms on %d bytes", which, took, bytes.length).isLessThan(MAX_MILLIS);
        assertThat(used).as("parser %d allocated %d bytes on %d bytes", which, used, bytes.length)
                .isLessThan(MAX_ALLOCATION);
    }

    private static void whois(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        WhoisParser.parse(text, "whois.example", "victim.example", NOW);
    }

    private static void rdap(byte[] bytes) {
        String json = new String(bytes, StandardCharsets.UTF_8);
        try {
            RdapParser.parse(json, 200, "https://rdap.example/", "victim.example", NOW);
            RdapParser.parse(json, 404, "https://rdap.example/", "192.0.2.1", NOW);
        } catch (IllegalArgumentException e) {
            // the documented refusal of a body that is not JSON or not an RDAP object; a subclass
            // (NumberFormatException …) thrown from inside is a crash
            if (e.getClass() != IllegalArgumentException.class) throw e;
        }
    }

    private static void dns(byte[] m) {
        // our bulk decoder, as an answer from the network is read
        byte[] qname = Wire.encodeName("victim.example");
        int after = Wire.matchQuestion(m, m.length, qname, Type.A);
        Wire.Answers a = Wire.answers(m, m.length, after > 0 ? after : Math.min(12, m.length), "victim.example",
                Type.A);
        assertThat(a.data().size()).isLessThanOrEqualTo(Wire.MAX_RECORDS);
        Wire.answers(m, m.length, after > 0 ? after : Math.min(12, m.length), "victim.example", Type.AAAA);
        StringBuilder name = new StringBuilder();
        Wire.readName(m, m.length, Math.min(12, m.length), name);
        // dnsjava, as the dns source and `evidence` read a packet
        try {
            org.xbill.DNS.Message msg = new org.xbill.DNS.Message(m);
            msg.toString();
            Wire.fromMessage(msg, "victim.example", Type.A);
        } catch (java.io.IOException notDns) {
            // refused as not a DNS message: fine
        }
    }

    private static void certificates(byte[] bytes) {
        String body = new String(bytes, StandardCharsets.UTF_8);
        try {
            List<CertRecord> certs = CrtShParser.parse(body);
            assertThat(certs).isNotNull();
        } catch (ServiceException refused) {
            // a body that is not crt.sh's JSON: refused with a message
        }
        try {
            CertspotterParser.parse(body);
        } catch (ServiceException refused) {
            // the same for Cert Spotter
        }
    }

    private static void passiveDns(byte[] bytes) {
        String body = new String(bytes, StandardCharsets.UTF_8);
        try {
            facts(Cof.parse(body));
        } catch (ServiceException refused) {
            // a body that is not COF lines: refused with a message
        }
        try {
            DnsdbParser.Result r = DnsdbParser.parse(body);
            assertThat(r.records()).isNotNull();
            facts(r.records());
        } catch (ServiceException refused) {
            // not a DNSDB stream (no begin line, no terminator, failed): refused with a message
        }
    }

    /** The records mapped to facts as the passive-DNS sources map them (names and addresses parsed again). */
    private static void facts(List<PdnsRecord> records) {
        Facts facts = new Facts("fuzz", PARSER, NOW, null, null, null);
        PdnsMapper.map(QUERIED, PdnsMapper.window(records, facts, 1000), facts);
    }

    /** The extract pipeline over one stream, as `extract -` reads standard input: hits and problems, never a crash. */
    private static void extract(byte[] bytes) throws Exception {
        int[] seen = new int[2];
        io.infrapivot.app.extract.Sink sink = new io.infrapivot.app.extract.Sink() {
            @Override
            public void hit(io.infrapivot.app.extract.Hit hit) {
                assertThat(hit).isNotNull();
                seen[0]++;
            }

            @Override
            public void problem(io.infrapivot.app.extract.Problem problem) {
                seen[1]++;
            }
        };
        try {
            new io.infrapivot.app.extract.Extractor(PARSER, io.infrapivot.app.extract.Extractor.Options.defaults(), sink)
                    .stream(new java.io.ByteArrayInputStream(bytes), "fuzz");
        } catch (java.io.IOException declared) {
            // the documented failure of a stream that cannot be read: reported to the user as one line
        }
    }

    /** The file source's readers (hashes, PE/ELF/Mach-O headers) over the bytes of a file the analyst named. */
    private static void executable(byte[] bytes) throws Exception {
        var report = io.infrapivot.source.file.FileReport.of(new java.io.ByteArrayInputStream(bytes));
        assertThat(report.size()).isEqualTo(bytes.length);
    }

    /** The web source's page reader over a fetched body (HTML, or anything a server sends as HTML). */
    private static void page(byte[] bytes) {
        io.infrapivot.source.web.PageReader.read(bytes, "text/html; charset=utf-8", "https://victim.example/");
        io.infrapivot.source.web.PageReader.refresh(bytes, "text/html", "https://victim.example/");
    }

    private static void pem(byte[] bytes) {
        CertRecord entry = new CertRecord(null, null, "01", "CN=Test CA", "Test", null, null,
                List.of("victim.example"), "1");
        CertificateDownload.withFingerprint(entry, new String(bytes, StandardCharsets.ISO_8859_1));
    }
}
