package io.infrapivot.app.maltego;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the Maltego configuration bundle ({@code .mtz}, a zip) that brings every infrapivot transform into
 * Maltego in one import (Import | Export &gt; Import Config):
 *
 * <pre>
 * version.properties
 * Servers/Local.tas                                       the local transform server, naming every transform
 * TransformRepositories/Local/&lt;name&gt;.transform          each transform: input entity, the local adapter
 * TransformRepositories/Local/&lt;name&gt;.transformsettings  its command line, parameters and working directory
 * TransformSets/infrapivot.set                            the transform set
 * </pre>
 */
public final class MtzWriter {
    public static final String SET = "infrapivot";
    static final String ADAPTER = "com.paterva.maltego.transform.protocol.v2api.LocalTransformAdapterV2";
    private static final DateTimeFormatter SYNC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /**
     * What every transform runs.
     *
     * @param command    the executable (the infrapivot launcher, absolute)
     * @param baseParams the parameters before the transform name (e.g. {@code maltego --case maltego})
     * @param workingDir the working directory
     */
    public record Launch(String command, List<String> baseParams, String workingDir) {
        public Launch {
            baseParams = List.copyOf(baseParams);
        }

        /**
         * The parameters of one transform: the base, {@code --}, then its name. Maltego appends the value and the
         * properties, which come from data (a WHOIS organisation may read {@code --active}): after {@code --} they
         * can only be positional.
         */
        public String parameters(MaltegoTransform t) {
            List<String> p = new ArrayList<>(baseParams);
            p.add("--");
            p.add(t.name());
            return String.join(" ", p);
        }
    }

    private MtzWriter() {}

    /** Writes the bundle for {@code transforms} to {@code out}. */
    public static void write(OutputStream out, List<MaltegoTransform> transforms, Launch launch, Clock clock)
            throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            put(zip, "version.properties", ("#infrapivot\nmaltego.mtz.version=1.0\nmaltego.client.name=infrapivot\n")
                    .getBytes(StandardCharsets.UTF_8));
            put(zip, "Servers/Local.tas", xml(w -> {
                w.writeStartElement("MaltegoServer");
                w.writeAttribute("name", "Local");
                w.writeAttribute("enabled", "true");
                w.writeAttribute("description", "Local transforms hosted on this machine");
                w.writeAttribute("url", "http://localhost");
                text(w, "LastSync", SYNC.format(clock.instant()));
                empty(w, "Protocol", "version", "0.0");
                empty(w, "Authentication", "type", "none");
                w.writeStartElement("Transforms");
                for (MaltegoTransform t : transforms) empty(w, "Transform", "name", t.name());
                w.writeEndElement();
                w.writeEmptyElement("Seeds");
                w.writeEndElement();
            }));
            for (MaltegoTransform t : transforms) {
                put(zip, "TransformRepositories/Local/" + t.name() + ".transform", transform(t));
                put(zip, "TransformRepositories/Local/" + t.name() + ".transformsettings", settings(t, launch));
            }
            put(zip, "TransformSets/" + SET + ".set", xml(w -> {
                w.writeStartElement("TransformSet");
                w.writeAttribute("name", SET);
                w.writeAttribute("description", "infrapivot: infrastructure pivots (DNS, passive DNS, WHOIS/RDAP, CT, reverse WHOIS)");
                w.writeStartElement("Transforms");
                for (MaltegoTransform t : transforms) empty(w, "Transform", "name", t.name());
                w.writeEndElement();
                w.writeEndElement();
            }));
        }
    }

    static byte[] transform(MaltegoTransform t) {
        return xml(w -> {
            w.writeStartElement("MaltegoTransform");
            w.writeAttribute("name", t.name());
            w.writeAttribute("displayName", t.display());
            w.writeAttribute("abstract", "false");
            w.writeAttribute("template", "false");
            w.writeAttribute("visibility", "public");
            w.writeAttribute("description", t.returns());
            w.writeAttribute("author", "infrapivot");
            w.writeAttribute("requireDisplayInfo", "false");
            text(w, "TransformAdapter", ADAPTER);
            w.writeStartElement("Properties");
            w.writeStartElement("Fields");
            property(w, "transform.local.command", "string", false, "The command to execute for this transform", "Command line", null);
            property(w, "transform.local.parameters", "string", true, "The parameters to pass to the transform command", "Command parameters", null);
            property(w, "transform.local.working-directory", "string", true, "The working directory used when invoking the executable", "Working directory", "/");
            property(w, "transform.local.debug", "boolean", true, "When this is set, the transform's text output will be printed to the output window", "Show debug info", null);
            w.writeEndElement();
            w.writeEndElement();
            w.writeStartElement("InputConstraints");
            w.writeEmptyElement("Entity");
            w.writeAttribute("type", t.inputEntity());
            w.writeAttribute("min", "1");
            w.writeAttribute("max", "1");
            w.writeEndElement();
            w.writeStartElement("OutputEntities");
            for (String type : outputs(t)) {
                w.writeStartElement("Entity");
                w.writeCharacters(type);
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeStartElement("defaultSets");
            empty(w, "Set", "name", SET);
            w.writeEndElement();
            text(w, "StealthLevel", "0");
            w.writeEndElement();
        });
    }

    /** The entity types a transform may return (for the .transform's OutputEntities). */
    static Set<String> outputs(MaltegoTransform t) {
        Set<String> out = new LinkedHashSet<>();
        if (t.recipe() != null) return out;
        MaltegoTransform.Hop last = t.hops().get(t.hops().size() - 1);
        for (var r : last.relations()) {
            switch (r) {
                case RESOLVES_TO -> {
                    if (last.types().contains(io.infrapivot.model.IndicatorType.IP)) {
                        out.add(EntityTypes.DOMAIN.name());
                        out.add(EntityTypes.DNS_NAME.name());
                    } else {
                        out.add(EntityTypes.IPV4.name());
                        out.add(EntityTypes.IPV6.name());
                    }
                }
                case CO_HOSTED, PTR, SUBDOMAIN, SUBDOMAIN_OF, ALIAS_OF, CERT_NAME, URL_HOST -> {
                    out.add(EntityTypes.DOMAIN.name());
                    out.add(EntityTypes.DNS_NAME.name());
                }
                case NAME_SERVER -> out.add(EntityTypes.NS_RECORD.name());
                case MAIL_SERVER -> out.add(EntityTypes.MX_RECORD.name());
                case REGISTRANT_EMAIL -> out.add(last.types().contains(io.infrapivot.model.IndicatorType.DOMAIN)
                        ? EntityTypes.EMAIL.name() : EntityTypes.DOMAIN.name());
                case REGISTRANT_NAME -> out.add(last.types().contains(io.infrapivot.model.IndicatorType.DOMAIN)
                        ? EntityTypes.PERSON.name() : EntityTypes.DOMAIN.name());
                case REGISTRANT_ORG, REGISTRAR, NETWORK_OWNER -> out.add(last.types().contains(io.infrapivot.model.IndicatorType.ORG)
                        ? EntityTypes.DOMAIN.name() : EntityTypes.ORGANIZATION.name());
                case REGISTRANT_PHONE -> out.add(last.types().contains(io.infrapivot.model.IndicatorType.DOMAIN)
                        ? EntityTypes.PHONE.name() : EntityTypes.DOMAIN.name());
                case IN_NETBLOCK -> out.add(EntityTypes.NETBLOCK.name());
                case ANNOUNCED_BY -> out.add(EntityTypes.AS.name());
                default -> out.add(EntityTypes.DNS_NAME.name());
            }
        }
        return out;
    }

    static byte[] settings(MaltegoTransform t, Launch launch) {
        return xml(w -> {
            w.writeStartElement("TransformSettings");
            w.writeAttribute("enabled", "true");
            w.writeAttribute("disclaimerAccepted", "false");
            w.writeAttribute("showHelp", "true");
            w.writeAttribute("runWithAll", "true");
            w.writeAttribute("favorite", "false");
            w.writeStartElement("Properties");
            setting(w, "transform.local.command", "string", launch.command());
            setting(w, "transform.local.parameters", "string", launch.parameters(t));
            setting(w, "transform.local.working-directory", "string", launch.workingDir());
            setting(w, "transform.local.debug", "boolean", "false");
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    private static void property(XMLStreamWriter w, String name, String type, boolean nullable, String description,
                                 String display, String defaultValue) throws XMLStreamException {
        w.writeStartElement("Property");
        w.writeAttribute("name", name);
        w.writeAttribute("type", type);
        w.writeAttribute("nullable", String.valueOf(nullable));
        w.writeAttribute("hidden", "false");
        w.writeAttribute("readonly", "false");
        w.writeAttribute("description", description);
        w.writeAttribute("popup", "false");
        w.writeAttribute("abstract", "false");
        w.writeAttribute("visibility", "public");
        w.writeAttribute("auth", "false");
        w.writeAttribute("displayName", display);
        if (defaultValue != null) text(w, "DefaultValue", defaultValue);
        text(w, "SampleValue", "");
        w.writeEndElement();
    }

    private static void setting(XMLStreamWriter w, String name, String type, String value) throws XMLStreamException {
        w.writeStartElement("Property");
        w.writeAttribute("name", name);
        w.writeAttribute("type", type);
        w.writeAttribute("popup", "false");
        w.writeCharacters(ResponseXml.clean(value));
        w.writeEndElement();
    }

    private static void text(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    private static void empty(XMLStreamWriter w, String name, String attr, String value) throws XMLStreamException {
        w.writeEmptyElement(name);
        w.writeAttribute(attr, value);
    }

    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static byte[] xml(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            body.write(w);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing the Maltego bundle: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }
}
