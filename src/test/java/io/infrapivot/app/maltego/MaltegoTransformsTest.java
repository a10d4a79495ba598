package io.infrapivot.app.maltego;

import static io.infrapivot.scenario.SimulatedInternet.CDN;
import static io.infrapivot.scenario.SimulatedInternet.DOMAINS;
import static io.infrapivot.scenario.SimulatedInternet.EMAIL_A;
import static io.infrapivot.scenario.SimulatedInternet.EMAIL_B;
import static io.infrapivot.scenario.SimulatedInternet.IPS;
import static io.infrapivot.scenario.SimulatedInternet.PRIVACY;
import static io.infrapivot.scenario.SimulatedInternet.SHARED;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.app.maltego.MaltegoWorld.Entity;
import io.infrapivot.app.maltego.MaltegoWorld.Response;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.scenario.SimulatedInternet;
import io.infrapivot.store.SqliteCaseRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every Maltego transform on the simulated internet, in process: the response XML Maltego would read. */
class MaltegoTransformsTest {
    static SimulatedInternet net;
    static Path dir;
    static EngineLookups lookups;
    static TransformRunner runner;

    static final Set<String> STANDARD = Set.of("maltego.Domain", "maltego.DNSName", "maltego.NSRecord",
            "maltego.MXRecord", "maltego.IPv4Address", "maltego.IPv6Address", "maltego.EmailAddress", "maltego.URL",
            "maltego.AS", "maltego.Netblock", "maltego.Hash", "maltego.Person", "maltego.Organization",
            "maltego.PhoneNumber", "maltego.X509Certificate", "maltego.Phrase");

    /** A value from the simulated internet for each input entity type. */
    static final Map<String, String> VALUES = Map.ofEntries(
            Map.entry("maltego.Domain", DOMAINS.get(1)),
            Map.entry("maltego.DNSName", "www." + DOMAINS.get(1)),
            Map.entry("maltego.IPv4Address", IPS.get(1)),
            Map.entry("maltego.IPv6Address", "2001:db8::1"),
            Map.entry("maltego.EmailAddress", EMAIL_B),
            Map.entry("maltego.Person", "Registrant 1"),
            Map.entry("maltego.Organization", "Withheld for Privacy ehf"),
            Map.entry("maltego.PhoneNumber", "+14155550100"),
            Map.entry("maltego.Netblock", "45.83.10.0/29"),
            Map.entry("maltego.AS", "AS64500"),
            Map.entry("maltego.X509Certificate", "a".repeat(64)),
            Map.entry("maltego.URL", "https://" + DOMAINS.get(1) + "/login"),
            Map.entry("maltego.Hash", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));

    @BeforeAll
    static void start() throws Exception {
        net = new SimulatedInternet(Duration.ZERO);
        dir = Files.createTempDirectory("maltego-test");
        lookups = MaltegoWorld.lookups(MaltegoWorld.env(net, dir), dir, net.resolver());
        runner = new TransformRunner(lookups);
    }

    @AfterAll
    static void stop() {
        if (lookups != null) lookups.close();
        if (net != null) net.close();
    }

    static Response run(String transform, String value) throws Exception {
        return run(runner, transform, value, Map.of());
    }

    static Response run(TransformRunner r, String transform, String value, Map<String, String> settings) throws Exception {
        TransformRunner.Result result = r.run(new TransformRunner.Request(transform, value, Map.of(), settings, null));
        assertThat(result.status()).as(transform + " " + new String(result.xml()))
                .isIn(TransformRunner.Status.OK, TransformRunner.Status.PARTIAL);
        return MaltegoWorld.read(result.xml());
    }

    @Test
    void everyTransformAnswersWithStandardEntitiesAndNeverAnEmptySilence() throws Exception {
        for (MaltegoTransform t : Transforms.ALL) {
            String value = VALUES.get(t.inputEntity());
            assertThat(value).as("a value for " + t.inputEntity()).isNotNull();
            Response r = run(runner, t.name(), value, Map.of("case", "all", "depth", "1"));
            assertThat(r.messages()).as(t.name()).isNotEmpty();
            for (Entity e : r.entities()) {
                assertThat(e.type()).as(t.name()).isIn(STANDARD);
                assertThat(e.value()).isNotBlank();
                assertThat(e.field("infrapivot.case")).isEqualTo("all");
                if (e.field("infrapivot.relation") != null) {
                    assertThat(e.field("link#maltego.link.label")).startsWith(e.field("infrapivot.relation"));
                    assertThat(e.field("infrapivot.sources")).isNotBlank();
                }
            }
            if (r.entities().isEmpty()) {
                // an empty answer always says why: nothing found by named sources, or no source could answer
                assertThat(r.messages()).as(t.name()).anySatisfy(m -> assertThat(m[1]).containsAnyOf("nothing found", "no source answered"));
            }
        }
    }

    @Test
    void domainToIPsReturnsEveryAddressWithDatesAndSources() throws Exception {
        Response r = run("infrapivot.DomainToIPs", DOMAINS.get(0));
        for (String ip : IPS) {
            Entity e = r.entity(ip);
            assertThat(e.type()).isEqualTo("maltego.IPv4Address");
            assertThat(e.field("ipv4-address")).isEqualTo(ip);
            assertThat(e.field("infrapivot.relation")).isEqualTo("resolves-to");
        }
        Entity current = r.entity(IPS.get(0));
        // the link as the case holds it: every source that reported it, the widest dates
        assertThat(current.field("infrapivot.sources")).contains("dns").contains("mnemonic");
        assertThat(current.field("link#maltego.link.label")).matches("resolves-to \\d{4}-\\d\\d-\\d\\d\\.\\.\\d{4}-\\d\\d-\\d\\d");
        assertThat(current.field("infrapivot.first-seen")).startsWith("2026-01-01");
        // the CDN address is returned with its mark
        Entity cdn = r.entity(CDN);
        assertThat(cdn.field("infrapivot.mark")).startsWith("known-network");
        assertThat(cdn.field("bookmark#")).isNotBlank();
        assertThat(r.messages("PartialError")).isEmpty();
        assertThat(r.messages("Inform")).anySatisfy(m -> assertThat(m).contains("stored in case 'maltego'"));
    }

    @Test
    void coHostedDomainsStopAtSharedHosting() throws Exception {
        // acme-secure19.com was on a dedicated address and on the shared-hosting one
        Response r = run("infrapivot.DomainToCoHostedDomains", DOMAINS.get(18));
        assertThat(r.values()).contains(DOMAINS.get(0), DOMAINS.get(14), DOMAINS.get(19));
        assertThat(r.values()).noneMatch(v -> v.startsWith("unrelated-site"));
        Entity shared = r.entity(SHARED);
        assertThat(shared.field("infrapivot.mark")).startsWith("shared-hosting").contains("not expanded");
        assertThat(r.entity(DOMAINS.get(14)).field("link#maltego.link.label")).contains("via " + IPS.get(0));
    }

    @Test
    void nameAndMailServersAreRecordsOfTheirOwnType() throws Exception {
        Response ns = run("infrapivot.DomainToNameServers", DOMAINS.get(2));
        assertThat(ns.entity("ns1.acme-dns.net").type()).isEqualTo("maltego.NSRecord");
        assertThat(ns.entity("ns1.acme-dns.net").field("fqdn")).isEqualTo("ns1.acme-dns.net");
        Response mx = run("infrapivot.DomainToMailServers", DOMAINS.get(2));
        assertThat(mx.entity("mail." + DOMAINS.get(2)).type()).isEqualTo("maltego.MXRecord");
    }

    @Test
    void registrantAndSameRegistrantDomains() throws Exception {
        Response reg = run("infrapivot.DomainToRegistrant", DOMAINS.get(1));
        assertThat(reg.entity(EMAIL_A).type()).isEqualTo("maltego.EmailAddress");
        assertThat(reg.entity(EMAIL_A).field("email")).isEqualTo(EMAIL_A);
        assertThat(reg.entities()).anySatisfy(e -> assertThat(e.type()).isEqualTo("maltego.Organization"));
        Response same = run("infrapivot.DomainToSameRegistrantDomains", DOMAINS.get(1));
        assertThat(same.values()).containsAll(List.of(DOMAINS.get(0), DOMAINS.get(2), DOMAINS.get(7)))
                .doesNotContain(DOMAINS.get(1), DOMAINS.get(8));
        assertThat(same.entity(DOMAINS.get(0)).field("link#maltego.link.label")).startsWith("registrant-email")
                .contains("via " + EMAIL_A);
        // a privacy service's relay: returned marked, its 500 customers are not
        Response privacy = run("infrapivot.EmailToDomains", PRIVACY);
        assertThat(privacy.entity(PRIVACY).field("infrapivot.mark")).isNotBlank();
        assertThat(privacy.values()).noneMatch(v -> v.startsWith("privacy-customer"));
        Response email = run("infrapivot.EmailToDomains", EMAIL_B);
        assertThat(email.values()).containsExactlyInAnyOrderElementsOf(DOMAINS.subList(8, 14));
        assertThat(email.entities()).allSatisfy(e -> assertThat(e.type()).isEqualTo("maltego.Domain"));
    }

    @Test
    void aSharedAddressIsReturnedMarkedAndNotExpanded() throws Exception {
        Response r = run("infrapivot.IPv4ToDomains", SHARED);
        Entity self = r.entity(SHARED);
        assertThat(self.type()).isEqualTo("maltego.IPv4Address");
        assertThat(self.field("infrapivot.mark")).startsWith("shared-hosting");
        assertThat(r.values()).noneMatch(v -> v.startsWith("unrelated-site"));
        assertThat(r.messages("Inform")).anySatisfy(m -> assertThat(m).contains("is marked shared-hosting"));
        Response dedicated = run("infrapivot.IPv4ToDomains", IPS.get(1));
        assertThat(dedicated.values()).contains(DOMAINS.get(8), "srv2.acme-dns.net");
    }

    @Test
    void certificateNamesAndTheCaseSeesWhatTransformsFound() throws Exception {
        Response r = run(runner, "infrapivot.DomainToCertificateNames", DOMAINS.get(0), Map.of("case", "certs"));
        assertThat(r.entity("www." + DOMAINS.get(0)).type()).isEqualTo("maltego.DNSName");
        assertThat(r.entity("www." + DOMAINS.get(0)).field("infrapivot.relation")).isEqualTo("cert-name");
        try (var store = new SqliteCaseRepository(dir.resolve("cases")).openExisting("certs")) {
            assertThat(store.seeds()).contains(Indicator.fromCanonical(IndicatorType.DOMAIN, DOMAINS.get(0)));
            assertThat(store.indicators()).contains(Indicator.fromCanonical(IndicatorType.HOST, "www." + DOMAINS.get(0)));
        }
    }

    @Test
    void aRecipeRunReturnsWhatItReachedWithThePath() throws Exception {
        Response r = run(runner, "infrapivot.EmailRunRecipeEmail", EMAIL_A, Map.of("depth", "2"));
        assertThat(r.values()).contains(DOMAINS.get(0), DOMAINS.get(7));
        assertThat(r.entity(DOMAINS.get(0)).field("infrapivot.hop")).isEqualTo("1");
    }

    @Test
    void aFailingSourceIsAPartialErrorAndTheOthersStillAnswer() throws Exception {
        Path d = Files.createTempDirectory("maltego-fail");
        Map<String, String> env = new HashMap<>(MaltegoWorld.env(net, d));
        env.put("INFRAPIVOT_MNEMONIC_URL", "http://127.0.0.1:1"); // nothing listens there
        try (EngineLookups broken = MaltegoWorld.lookups(env, d, net.resolver())) {
            TransformRunner.Result result = new TransformRunner(broken).run(new TransformRunner.Request(
                    "infrapivot.DomainToIPs", DOMAINS.get(1), Map.of(), Map.of(), null));
            assertThat(result.status()).isEqualTo(TransformRunner.Status.PARTIAL);
            Response r = MaltegoWorld.read(result.xml());
            assertThat(r.messages("PartialError")).anySatisfy(m -> assertThat(m).contains("mnemonic").contains("failed"));
            assertThat(r.values()).contains(IPS.get(2)); // DNS still answered
            assertThat(new String(result.xml())).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void noSourceForTheQuestionIsSaidNotSilent() throws Exception {
        Response r = run("infrapivot.HashToInfrastructure", VALUES.get("maltego.Hash"));
        assertThat(r.entities()).isEmpty();
        assertThat(r.messages("PartialError")).anySatisfy(m -> assertThat(m).contains("no source answered")
                .contains("not a \"nothing found\""));
    }

    @Test
    void badValuesAndUnknownTransformsAreExceptionMessages() throws Exception {
        var bad = runner.run(new TransformRunner.Request("infrapivot.IPv4ToDomains", "not an ip at all", Map.of(), Map.of(), null));
        assertThat(bad.status()).isEqualTo(TransformRunner.Status.BAD_INPUT);
        assertThat(new String(bad.xml())).contains("MaltegoTransformExceptionMessage").contains("To domains");
        var unknown = runner.run(new TransformRunner.Request("infrapivot.Nope", "x", Map.of(), Map.of(), null));
        assertThat(unknown.status()).isEqualTo(TransformRunner.Status.UNKNOWN_TRANSFORM);
        var badCase = runner.run(new TransformRunner.Request("infrapivot.DomainToIPs", DOMAINS.get(1), Map.of(),
                Map.of("case", "../../etc/x"), null));
        assertThat(badCase.status()).isEqualTo(TransformRunner.Status.BAD_INPUT);
        var badDepth = runner.run(new TransformRunner.Request("infrapivot.DomainRunRecipeDomain", DOMAINS.get(1), Map.of(),
                Map.of("depth", "99"), null));
        assertThat(badDepth.status()).isEqualTo(TransformRunner.Status.BAD_INPUT);
    }

    @Test
    void hostileRegistrationStringsAreEscapedAndForbiddenCharactersDropped() throws Exception {
        String hostile = "<script>alert(1)</script> & \\\"q\\\" ]]> end";
        try (MockWebServer rdap = new MockWebServer()) {
            rdap.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/rdap+json").body(
                            "{\"objectClassName\":\"domain\",\"ldhName\":\"EVIL-EXAMPLE.COM\",\"events\":[],"
                            + "\"entities\":[{\"objectClassName\":\"entity\",\"roles\":[\"registrant\"],"
                            + "\"vcardArray\":[\"vcard\",[[\"version\",{},\"text\",\"4.0\"],"
                            + "[\"fn\",{},\"text\",\"" + hostile + "\"],[\"org\",{},\"text\",\"Org " + hostile + "\"],"
                            + "[\"email\",{},\"text\",\"evil@evil-example.com\"]]]}],\"rdapConformance\":[\"rdap_level_0\"]}")
                            .build();
                }
            });
            rdap.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            Path d = Files.createTempDirectory("maltego-hostile");
            Map<String, String> env = new HashMap<>(MaltegoWorld.env(net, d));
            env.put("INFRAPIVOT_RDAP_URL", rdap.url("/").toString().replaceAll("/$", ""));
            try (EngineLookups l = MaltegoWorld.lookups(env, d, net.resolver())) {
                TransformRunner.Result result = new TransformRunner(l).run(new TransformRunner.Request(
                        "infrapivot.DomainToRegistrant", "evil-example.com", Map.of(), Map.of(), null));
                String xml = new String(result.xml(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(xml).doesNotContain("<script>");
                Response r = MaltegoWorld.read(result.xml()); // well-formed
                Entity org = r.entities().stream().filter(e -> e.type().equals("maltego.Organization")
                        && e.value().startsWith("Org ")).findFirst().orElseThrow(() -> new AssertionError(xml));
                assertThat(org.value()).contains("<script>alert(1)</script>").contains("]]>").contains("\"q\"");
                assertThat(org.field("title")).isEqualTo(org.value());
                // the Detail View's HTML holds the data escaped: no markup from data
                assertThat(r.entities()).allSatisfy(e -> {
                    if (e.display() != null) assertThat(e.display()).doesNotContain("<script>");
                });
            }
        }
    }
}
