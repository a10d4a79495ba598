package io.infrapivot.app.maltego;

import io.infrapivot.model.Safe;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Maltego's remote-transform protocol (TRX), independent of the HTTP server that carries it: the body of
 * {@code POST /run/<transform>/} is a {@code MaltegoTransformRequestMessage}; the answer is the same
 * response message a local transform prints. The request is bounded ({@link #MAX_BODY} bytes) and parsed
 * with DTDs, external entities and XInclude off (no XXE); its soft limit ({@code Limits SoftLimit}) caps the
 * entities returned, and its transform fields carry the settings ({@code case}, {@code depth}).
 */
public final class TrxService {
    private static final System.Logger LOG = System.getLogger(TrxService.class.getName());
    /** The largest request body read. */
    public static final int MAX_BODY = 1024 * 1024;
    public static final String CONTENT_TYPE = "application/xml; charset=utf-8";

    private final TransformRunner runner;

    public TrxService(TransformRunner runner) {
        this.runner = runner;
    }

    /** An HTTP answer: status, content type and body. */
    public record Response(int status, String contentType, byte[] body) {}

    /** Whether the transform exists (a server answers 404 for others before reading the body). */
    public static boolean exists(String transformName) {
        return Transforms.byName(transformName).isPresent();
    }

    /**
     * Answers one request. 200 with a response message (a failed source is a UI message in it); 200 with an
     * exception message when the value is not valid for the transform; 404 for an unknown transform; 400 for
     * a body that is not a transform request (or holds a DTD); 413 for a body over {@link #MAX_BODY}.
     */
    public Response handle(String transformName, byte[] body) throws InterruptedException {
        if (!exists(transformName)) {
            return error(404, "no transform '" + Safe.truncate(Safe.oneLine(String.valueOf(transformName)), 80) + "'");
        }
        if (body == null || body.length == 0) return error(400, "empty request: expected a MaltegoTransformRequestMessage");
        if (body.length > MAX_BODY) return error(413, "request larger than " + MAX_BODY + " bytes");
        TransformRunner.Request request;
        try {
            request = parse(transformName, body);
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
        TransformRunner.Result r = runner.run(request);
        int status = r.status() == TransformRunner.Status.UNKNOWN_TRANSFORM ? 404
                : r.status() == TransformRunner.Status.FAILED ? 500 : 200;
        return new Response(status, CONTENT_TYPE, r.xml());
    }

    private static Response error(int status, String text) {
        return new Response(status, CONTENT_TYPE, ResponseXml.exception(text));
    }

    /** Reads a request message; throws IllegalArgumentException with a one-line reason. */
    static TransformRunner.Request parse(String transformName, byte[] body) {
        Document doc;
        try {
            doc = builder().parse(new ByteArrayInputStream(body));
        } catch (SAXException e) {
            // a DOCTYPE (the XXE vector) is refused by the parser itself
            throw new IllegalArgumentException("not a well-formed transform request (DTDs are refused): "
                    + Safe.truncate(Safe.oneLine(String.valueOf(e.getMessage())), 200));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the request: " + Safe.oneLine(String.valueOf(e.getMessage())));
        }
        Element root = doc.getDocumentElement();
        Element msg = root.getTagName().equals("MaltegoTransformRequestMessage") ? root
                : child(root, "MaltegoTransformRequestMessage");
        if (msg == null) throw new IllegalArgumentException("no MaltegoTransformRequestMessage in the request");
        Element entities = child(msg, "Entities");
        Element entity = entities == null ? null : child(entities, "Entity");
        if (entity == null) throw new IllegalArgumentException("the request holds no entity");
        Element valueEl = child(entity, "Value");
        String value = valueEl == null ? null : valueEl.getTextContent();
        Map<String, String> props = fields(child(entity, "AdditionalFields"));
        Map<String, String> settings = fields(child(msg, "TransformFields"));
        Integer soft = null;
        Element limits = child(msg, "Limits");
        if (limits != null && !limits.getAttribute("SoftLimit").isBlank()) {
            try {
                soft = Integer.parseInt(limits.getAttribute("SoftLimit").trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("SoftLimit is not a number");
            }
        }
        return new TransformRunner.Request(transformName, value == null ? null : value.trim(), props, settings, soft);
    }

    private static Map<String, String> fields(Element parent) {
        Map<String, String> out = new LinkedHashMap<>();
        if (parent == null) return out;
        NodeList list = parent.getChildNodes();
        for (int i = 0; i < list.getLength(); i++) {
            if (list.item(i) instanceof Element f && f.getTagName().equals("Field")) {
                String name = f.getAttribute("Name");
                if (!name.isEmpty()) out.putIfAbsent(name, f.getTextContent());
            }
        }
        return out;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) return e;
        }
        return null;
    }

    /** A DOM parser with every external-resource feature off: no DTD at all, no entity, no XInclude. */
    static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.ErrorHandler() { // silent: the caller reports the reason
                @Override
                public void warning(org.xml.sax.SAXParseException e) {
                    // nothing to report
                }

                @Override
                public void error(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return b;
        } catch (ParserConfigurationException e) {
            LOG.log(System.Logger.Level.ERROR, "XML parser lacks a security feature", e);
            throw new IllegalStateException("the XML parser cannot be made safe: " + e.getMessage(), e);
        }
    }
}
