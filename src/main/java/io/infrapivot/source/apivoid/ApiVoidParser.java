package io.infrapivot.source.apivoid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Safe;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.http.ErrorTable;
import io.infrapivot.source.reputation.Verdicts;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.ServiceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * APIVoid v2 answers (https://www.apivoid.com/api/ip-reputation, /api/domain-reputation): {@code POST
 * https://api.apivoid.com/v2/ip-reputation} with {@code {"ip":".."}} or {@code /v2/domain-reputation} with
 * {@code {"host":".."}}, the key in the {@code X-API-Key} header. A 200 answer is the report itself, not wrapped:
 * {@code {"ip":..,"blacklists":{"engines":{"0":{"name":"0spam","detected":false,"reference":"..","elapsed_ms":1},..},
 * "detections":N,"engines_count":M,"detection_rate":"N%","scan_time_ms":T},"information":{..},"anonymity":{"is_proxy":..,
 * "is_webproxy":..,"is_vpn":..,"is_hosting":..,"is_tor":..},"risk_score":{"result":0-100}}}; the domain answer carries
 * {@code host} and its own {@code is_*} groups ({@code category}, {@code security_checks}). An engine's
 * {@code detected} is a boolean, for some domain engines a number (0 = not detected). Refusals are a 4xx status with
 * {@code {"error":"message"}} (a bad key, spent credits, a bad value); the message decides the class when the status
 * alone does not (the error table). A v1-style {@code data.report} wrapper is still read, so an old stand-in works.
 */
public final class ApiVoidParser {
    private ApiVoidParser() {}

    static final int MAX_ENGINES = 100;

    public static final ErrorTable ERRORS = ErrorTable.STANDARD
            .status(402, ErrorClass.QUOTA)
            .saidStarting("API key is not valid", ErrorClass.AUTH)
            .saidStarting("API key is missing", ErrorClass.AUTH)
            .saidStarting("Invalid API key", ErrorClass.AUTH)
            .saidStarting("Missing API key", ErrorClass.AUTH)
            .saidStarting("Not enough credits", ErrorClass.QUOTA)
            .saidStarting("You have not enough credits", ErrorClass.QUOTA)
            .saidStarting("Insufficient credits", ErrorClass.QUOTA)
            .otherwise(ErrorClass.BAD_REQUEST);

    /** One engine that lists the indicator. */
    public record Engine(String name, String reference) {}

    /** The verdict and the engines that list it. */
    public record Answer(ObjectNode verdict, List<Engine> listedBy) {}

    public static Answer parse(String body, Instant asOf) throws ServiceException {
        JsonNode root = Json.read(body);
        error(root);
        JsonNode report = root.path("data").path("report").isObject() ? root.path("data").path("report") : root;
        JsonNode bl = report.path("blacklists");
        if (!bl.path("engines").isObject() && !bl.path("engines").isArray()) {
            throw new ServiceException(ErrorClass.GARBAGE, "no blacklists.engines in the answer");
        }
        List<Engine> listed = new ArrayList<>();
        long asked = 0;
        for (JsonNode e : bl.path("engines")) {
            asked++;
            String name = Json.text(e, "name");
            if (name == null) name = Json.text(e, "engine");
            if (name != null && e.path("detected").asBoolean(false) && listed.size() < MAX_ENGINES) {
                listed.add(new Engine(Safe.truncate(name, 100), Json.text(e, "reference")));
            }
        }
        Long detections = Json.number(bl, "detections");
        Long count = Json.number(bl, "engines_count");
        ObjectNode v = Verdicts.detections(detections == null ? listed.size() : detections, null,
                count == null ? asked : count, asOf);
        String rate = Json.text(bl, "detection_rate");
        if (rate != null) v.put("detection_rate", Safe.truncate(rate, 20));
        Verdicts.texts(v, "listed_by", listed.stream().map(Engine::name).toList());
        List<String> flags = new ArrayList<>();
        for (JsonNode group : List.of(report.path("anonymity"), report.path("category"),
                report.path("security_checks"))) {
            group.properties().forEach(f -> {
                if (f.getKey().startsWith("is_") && f.getValue().asBoolean(false) && flags.size() < 20) {
                    flags.add(Safe.truncate(f.getKey().substring(3), 40));
                }
            });
        }
        Verdicts.texts(v, "flags", flags);
        Long risk = Json.number(report.path("risk_score"), "result");
        if (risk != null) v.put("risk_score", risk);
        return new Answer(v, listed);
    }

    /**
     * Reads the body of a refused request (4xx/5xx): its {@code error} message decides the class when the error table
     * declares it (spent credits under a 403, say); an undeclared message leaves the class to the status.
     */
    public static void error(String body) throws ServiceException {
        String e = Json.text(Json.read(body), "error");
        if (e == null) return;
        ErrorClass c = ERRORS.declares(e) ? ERRORS.ofCode(e) : ErrorClass.GARBAGE;
        throw new ServiceException(c, "APIVoid says " + Json.excerpt(e));
    }

    private static void error(JsonNode root) throws ServiceException {
        String e = Json.text(root, "error");
        if (e != null) throw new ServiceException(ERRORS.ofCode(e), "APIVoid says " + Json.excerpt(e));
        if (root.has("success") && !root.path("success").asBoolean(true)) {
            throw new ServiceException(ErrorClass.SERVER, "APIVoid answered success: false");
        }
    }
}
