package io.infrapivot.app.export;

import static io.infrapivot.app.export.CaseFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infrapivot.store.SqliteCaseStore;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** GEXF against the 1.3 XSD, GraphML well-formed and namespaced, MTGX read back. */
public class GraphFormatsTest {
    static final Path GEXF_XSD = Path.of("../shared/data/gexf-1.3/specs/1.3/gexf.xsd").toAbsolutePath().normalize();

    @TempDir
    Path dir;
    SqliteCaseStore store;

    @BeforeEach
    void open() {
        store = CaseFixture.open(dir, "graph");
        CaseFixture.fill(store);
        // a control character a hostile WHOIS server could send, which XML 1.0 cannot carry
        CaseFixture.save(store, "rdap", SEED, raw("rdap", "x", "y"), link(SEED, io.infrapivot.model.Relation.REGISTRANT_ORG,
                ind(io.infrapivot.model.IndicatorType.ORG, "Bell\u0007 & <Sons>"), "rdap", raw("rdap", "x", "y"), null, null,
                null));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    public static void validateGexf(String xml) throws Exception {
        SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Validator v = sf.newSchema(GEXF_XSD.toFile()).newValidator();
        v.validate(new StreamSource(new StringReader(xml)));
    }

    @Test
    void gexfValidatesAgainstTheXsdWithDynamicTimesAndSpells() throws Exception {
        String xml = export(store, Format.GEXF, ExportOptions.all());
        validateGexf(xml);
        Document d = parse(xml.getBytes(StandardCharsets.UTF_8));
        Element graph = (Element) d.getElementsByTagNameNS(GexfWriter.NS, "graph").item(0);
        assertThat(graph.getAttribute("mode")).isEqualTo("dynamic");
        assertThat(graph.getAttribute("timeformat")).isEqualTo("dateTime");
        NodeList spells = d.getElementsByTagNameNS(GexfWriter.NS, "spells");
        assertThat(spells.getLength()).as("the address that came and went").isEqualTo(1);
        Element edge = (Element) spells.item(0).getParentNode();
        assertThat(edge.getAttribute("label")).isEqualTo("resolves-to");
        NodeList spell = ((Element) spells.item(0)).getElementsByTagNameNS(GexfWriter.NS, "spell");
        assertThat(spell.getLength()).as("two passive-DNS windows and today's DNS answer").isEqualTo(3);
        assertThat(((Element) spell.item(0)).getAttribute("start")).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(((Element) spell.item(0)).getAttribute("end")).isEqualTo("2025-01-31T00:00:00Z");
        assertThat(((Element) spell.item(1)).getAttribute("start")).isEqualTo("2025-04-01T00:00:00Z");
        assertThat(((Element) spell.item(2)).getAttribute("start")).isEqualTo("2026-06-01T12:00:00Z");
        // the seed's node starts when its first fact was first seen
        NodeList nodes = d.getElementsByTagNameNS(GexfWriter.NS, "node");
        List<String> starts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element n = (Element) nodes.item(i);
            if (n.getAttribute("label").equals("evil.example")) starts.add(n.getAttribute("start"));
        }
        assertThat(starts).containsExactly("2025-01-01T00:00:00Z");
    }

    @Test
    void theXsdRejectsABrokenGexf() {
        assertThatThrownBy(() -> validateGexf("<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\"><graph mode=\"sometimes\">"
                + "<nodes/><edges/></graph></gexf>")).isInstanceOf(SAXException.class);
    }

    @Test
    void graphmlIsWellFormedAndNamespaced() throws Exception {
        byte[] xml = exportBytes(store, Format.GRAPHML, ExportOptions.all());
        Document d = parse(xml);
        assertThat(d.getDocumentElement().getNamespaceURI()).isEqualTo(GraphmlWriter.NS);
        assertThat(d.getDocumentElement().getLocalName()).isEqualTo("graphml");
        NodeList nodes = d.getElementsByTagNameNS(GraphmlWriter.NS, "node");
        NodeList edges = d.getElementsByTagNameNS(GraphmlWriter.NS, "edge");
        assertThat(nodes.getLength()).isGreaterThan(10);
        assertThat(edges.getLength()).isGreaterThan(10);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) ids.add(((Element) nodes.item(i)).getAttribute("id"));
        for (int i = 0; i < edges.getLength(); i++) {
            Element e = (Element) edges.item(i);
            assertThat(ids).contains(e.getAttribute("source"), e.getAttribute("target"));
        }
        String text = new String(xml, StandardCharsets.UTF_8);
        assertThat(text).contains("Bell\uFFFD &amp; &lt;Sons&gt;").doesNotContain("\u0007").doesNotContain("<script>");
    }

    @Test
    void mtgxIsAZipWithAMaltegoGraphThatReadsBack() throws Exception {
        byte[] zip = exportBytes(store, Format.MTGX, ExportOptions.all());
        byte[] graph = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) if (e.getName().equals("Graphs/Graph1.graphml")) graph = in.readAllBytes();
        }
        assertThat(graph).isNotNull();
        Document d = parse(graph);
        NodeList entities = d.getElementsByTagNameNS(Maltego.NS, "MaltegoEntity");
        List<String> types = new ArrayList<>();
        for (int i = 0; i < entities.getLength(); i++) types.add(((Element) entities.item(i)).getAttribute("type"));
        assertThat(types).contains("maltego.Domain", "maltego.DNSName", "maltego.IPv4Address", "maltego.IPv6Address",
                "maltego.AS", "maltego.EmailAddress", "maltego.URL", "maltego.Hash", "maltego.Person",
                "maltego.Organization", "maltego.Netblock");
        assertThat(d.getElementsByTagNameNS(Maltego.NS, "MaltegoLink").getLength()).isGreaterThan(10);
        // read back through the importer: the same indicators
        ImportedGraph back = new Importer(Importer.noFiles(io.infrapivot.model.IndicatorParser.standard())).read(zip);
        assertThat(back.indicators()).contains(SEED, WWW, IP, IP6, ASN, EMAIL, URL, CERT, FILE, HASH, NET);
        assertThat(back.links()).contains(new ImportedGraph.Link(SEED, io.infrapivot.model.Relation.NAME_SERVER, NS1,
                null, null, null));
        assertThat(back.rejected()).isZero();
    }
}
