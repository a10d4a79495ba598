package io.infrapivot.app.maltego;

import io.infrapivot.engine.config.Config;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.scenario.SimulatedInternet;
import io.infrapivot.source.SourceRegistry;
import io.infrapivot.store.SqliteCaseRepository;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The engine bridge on the simulated internet, in process, and helpers to read Maltego messages back. */
final class MaltegoWorld {
    private MaltegoWorld() {}

    /** Only the simulated internet's sources; the others are off (tests never reach the internet). */
    static Map<String, String> env(SimulatedInternet net, Path dir) {
        Map<String, String> env = new HashMap<>(net.env());
        List<String> on = List.of(SimulatedInternet.SOURCES.split(","));
        for (String id : SourceRegistry.builtIn().ids()) {
            if (!on.contains(id) && !id.equals("case")) env.put("INFRAPIVOT_" + id.toUpperCase(Locale.ROOT) + "_ENABLED", "false");
        }
        env.put("INFRAPIVOT_DATA_DIR", dir.resolve("data").toString());
        env.put("INFRAPIVOT_CONFIG", dir.resolve("config.toml").toString());
        return env;
    }

    static EngineLookups lookups(Map<String, String> env, Path dir, String resolver) {
        Config config = Config.load(env, dir.toString());
        return new EngineLookups(config, IndicatorParser.standard(), SourceRegistry.builtIn(),
                new SqliteCaseRepository(dir.resolve("cases")), null, Clock.systemUTC(),
                new EngineLookups.Options(List.of(resolver), false, Duration.ofSeconds(10), 2000));
    }

    /** An entity of a response, read back. */
    record Entity(String type, String value, Map<String, String> fields, String display) {
        String field(String name) {
            return fields.get(name);
        }
    }

    /** A response read back: its entities and UI messages (type, text). */
    record Response(List<Entity> entities, List<String[]> messages) {
        List<String> values() {
            return entities.stream().map(Entity::value).toList();
        }

        Entity entity(String value) {
            return entities.stream().filter(e -> e.value().equals(value)).findFirst()
                    .orElseThrow(() -> new AssertionError(value + " not among " + values()));
        }

        List<String> messages(String type) {
            return messages.stream().filter(m -> m[0].equals(type)).map(m -> m[1]).toList();
        }
    }

    /** Parses a response message (with the same XXE-safe parser the TRX service uses). */
    static Response read(byte[] xml) throws Exception {
        Document doc = TrxService.builder().parse(new ByteArrayInputStream(xml));
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("MaltegoMessage")) throw new AssertionError("root " + root.getTagName());
        NodeList resp = root.getElementsByTagName("MaltegoTransformResponseMessage");
        if (resp.getLength() != 1) throw new AssertionError("not a response message: " + new String(xml));
        List<Entity> entities = new ArrayList<>();
        NodeList es = root.getElementsByTagName("Entity");
        for (int i = 0; i < es.getLength(); i++) {
            Element e = (Element) es.item(i);
            Map<String, String> fields = new HashMap<>();
            NodeList fs = e.getElementsByTagName("Field");
            for (int k = 0; k < fs.getLength(); k++) {
                Element f = (Element) fs.item(k);
                fields.put(f.getAttribute("Name"), f.getTextContent());
            }
            NodeList label = e.getElementsByTagName("Label");
            entities.add(new Entity(e.getAttribute("Type"), e.getElementsByTagName("Value").item(0).getTextContent(),
                    fields, label.getLength() == 0 ? null : label.item(0).getTextContent()));
        }
        List<String[]> messages = new ArrayList<>();
        NodeList ms = root.getElementsByTagName("UIMessage");
        for (int i = 0; i < ms.getLength(); i++) {
            Element m = (Element) ms.item(i);
            messages.add(new String[] {m.getAttribute("MessageType"), m.getTextContent()});
        }
        return new Response(entities, messages);
    }
}
