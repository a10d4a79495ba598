package io.infrapivot.app.maltego;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The .mtz bundle read back with java.util.zip, every XML in it parsed. */
class MtzWriterTest {
    static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) entries.put(e.getName(), in.readAllBytes());
        }
        return entries;
    }

    static Document xml(byte[] b) throws Exception {
        return TrxService.builder().parse(new ByteArrayInputStream(b));
    }

    static Map<String, String> properties(Document d) {
        Map<String, String> out = new LinkedHashMap<>();
        NodeList ps = d.getElementsByTagName("Property");
        for (int i = 0; i < ps.getLength(); i++) {
            Element p = (Element) ps.item(i);
            out.put(p.getAttribute("name"), p.getTextContent());
        }
        return out;
    }

    @Test
    void bundleHoldsTheServerEveryTransformWithItsCommandAndTheSet() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MtzWriter.Launch launch = new MtzWriter.Launch("/opt/infra pivot/infrapivot",
                List.of("maltego", "--case", "acme"), "/home/analyst");
        MtzWriter.write(out, Transforms.ALL, launch, Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC));
        Map<String, byte[]> entries = unzip(out.toByteArray());

        Set<String> expected = new HashSet<>(List.of("version.properties", "Servers/Local.tas", "TransformSets/infrapivot.set"));
        for (MaltegoTransform t : Transforms.ALL) {
            expected.add("TransformRepositories/Local/" + t.name() + ".transform");
            expected.add("TransformRepositories/Local/" + t.name() + ".transformsettings");
        }
        assertThat(entries.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(new String(entries.get("version.properties"), StandardCharsets.UTF_8)).contains("maltego.mtz.version=1.0");

        Document tas = xml(entries.get("Servers/Local.tas"));
        Element server = tas.getDocumentElement();
        assertThat(server.getTagName()).isEqualTo("MaltegoServer");
        assertThat(server.getAttribute("name")).isEqualTo("Local");
        assertThat(server.getAttribute("enabled")).isEqualTo("true");
        assertThat(tas.getElementsByTagName("LastSync").item(0).getTextContent()).isEqualTo("2026-12-02 10:00:00 UTC");
        assertThat(((Element) tas.getElementsByTagName("Protocol").item(0)).getAttribute("version")).isEqualTo("0.0");
        assertThat(names(tas)).containsExactlyElementsOf(Transforms.ALL.stream().map(MaltegoTransform::name).toList());

        Document set = xml(entries.get("TransformSets/infrapivot.set"));
        assertThat(set.getDocumentElement().getTagName()).isEqualTo("TransformSet");
        assertThat(set.getDocumentElement().getAttribute("name")).isEqualTo("infrapivot");
        assertThat(names(set)).containsExactlyElementsOf(Transforms.ALL.stream().map(MaltegoTransform::name).toList());

        for (MaltegoTransform t : Transforms.ALL) {
            Document tr = xml(entries.get("TransformRepositories/Local/" + t.name() + ".transform"));
            Element root = tr.getDocumentElement();
            assertThat(root.getTagName()).isEqualTo("MaltegoTransform");
            assertThat(root.getAttribute("name")).isEqualTo(t.name());
            assertThat(root.getAttribute("displayName")).isEqualTo(t.display());
            assertThat(root.getAttribute("description")).isEqualTo(t.returns());
            assertThat(tr.getElementsByTagName("TransformAdapter").item(0).getTextContent())
                    .isEqualTo("com.paterva.maltego.transform.protocol.v2api.LocalTransformAdapterV2");
            Element input = (Element) ((Element) tr.getElementsByTagName("InputConstraints").item(0))
                    .getElementsByTagName("Entity").item(0);
            assertThat(input.getAttribute("type")).isEqualTo(t.inputEntity());
            assertThat(properties(tr).keySet()).containsExactly("transform.local.command", "transform.local.parameters",
                    "transform.local.working-directory", "transform.local.debug");
            assertThat(((Element) tr.getElementsByTagName("Set").item(0)).getAttribute("name")).isEqualTo("infrapivot");

            Document st = xml(entries.get("TransformRepositories/Local/" + t.name() + ".transformsettings"));
            assertThat(st.getDocumentElement().getTagName()).isEqualTo("TransformSettings");
            Map<String, String> p = properties(st);
            assertThat(p.get("transform.local.command")).isEqualTo("/opt/infra pivot/infrapivot");
            assertThat(p.get("transform.local.parameters")).isEqualTo("maltego --case acme -- " + t.name());
            assertThat(p.get("transform.local.working-directory")).isEqualTo("/home/analyst");
            assertThat(p.get("transform.local.debug")).isEqualTo("false");
        }
        // one-question transforms say what they return
        Document ips = xml(entries.get("TransformRepositories/Local/infrapivot.DomainToIPs.transform"));
        assertThat(ips.getElementsByTagName("OutputEntities").item(0).getTextContent()).contains("maltego.IPv4Address");
    }

    @Test
    void transformNamesAreUniqueAndEveryOneIsFoundByName() {
        Set<String> seen = new HashSet<>();
        for (MaltegoTransform t : Transforms.ALL) {
            assertThat(seen.add(t.name().toLowerCase())).as(t.name()).isTrue();
            assertThat(Transforms.byName(t.name())).contains(t);
            assertThat(Transforms.byName(t.name().substring("infrapivot.".length()))).contains(t);
        }
        assertThat(Transforms.byName("infrapivot.NoSuch")).isEmpty();
    }

    private static List<String> names(Document d) {
        NodeList ts = d.getElementsByTagName("Transform");
        return java.util.stream.IntStream.range(0, ts.getLength()).mapToObj(i -> ((Element) ts.item(i)).getAttribute("name")).toList();
    }
}
