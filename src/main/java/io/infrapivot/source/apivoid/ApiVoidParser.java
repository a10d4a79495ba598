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
 * APIVoid (IPVoid/URLVoid) v1 answers: IP Reputation ({@code /iprep/v1/pay-as-you-go/?key=K&ip=IP}) and Domain
 * Blacklist ({@code /domainbl/v1/pay-as-you-go/?key=K&host=D}) — {@code {"data":{"report":{"blacklists":{"engines":
 * {"0":{"engine":"0spam","detected":false,"reference":".."},..},"detections":N,"engines_count":M,
 * "detection_rate":"N%"},"anonymity":{"is_proxy":..,"is_webproxy":..,"is_vpn":..,"is_hosting":..,"is_tor":..},
 * "category":{"is_free_hosting":..,"is_anonymizer":..,"is_url_shortener":..,"is_free_dynamic_dns":..},
 * "risk_score":{"result":0-100}}},"credits_remained":24.2,"estimated_queries":"302","success":true}}.
 * Refusals: {@code {"error":"API key is not valid"}}, a spent balance ({@code "Not enough credits"}), a bad value.
 */
public final class ApiVoidParser {
    private ApiVoidParser() {}

    static final int MAX_ENGINES = 100;

    public static final ErrorTable ERRORS = ErrorTable.STANDARD
            .saidStarting("API key is not valid", ErrorClass.AUTH)
            .saidStarting("API key is missing", ErrorClass.AUTH)
            .saidStarting("Not enough credits", ErrorClass.QUOTA)
            .saidStarting("You have not enough credits", ErrorClass.QUOTA)
            .saidStarting("Insufficient credits", ErrorClass.QUOTA)
            .otherwise(ErrorClass.BAD_REQUEST);

    /** One engine that lists the indicator. */
    public record Engine(String name, String reference) {}

    /** The verdict, the engines that list it and the credits left. */
    public record Answer(ObjectNode verdict, List<Engine> listedBy, String credits) {}

    public static Answer parse(String body, Instant asOf) throws ServiceException {
        JsonNode root = Json.read(body);
        error(root);
        JsonNode report = root.path("data").path("report");
        JsonNode bl = report.path("blacklists");
        if (!bl.path("engines").isObject() && !bl.path("engines").isArray()) {
            throw new ServiceException(ErrorClass.GARBAGE, "no data.report.blacklists.engines in the answer");
        }
        List<Engine> listed = new ArrayList<>();
        long asked = 0;
        for (JsonNode e : bl.path("engines")) {
            asked++;
            String name = Json.text(e, "engine");
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
        for (JsonNode group : List.of(report.path("anonymity"), report.path("category"))) {
            group.properties().forEach(f -> {
                if (f.getKey().startsWith("is_") && f.getValue().asBoolean(false) && flags.size() < 20) {
                    flags.add(Safe.truncate(f.getKey().substring(3), 40));
                }
            });
        }
        Verdicts.texts(v, "flags", flags);
        Long risk = Json.number(report.path("risk_score"), "result");
        if (risk != null) v.put("risk_score", risk);
        String credits = Json.text(root, "credits_remained");
        return new Answer(v, listed, credits);
    }

    /** Reads a refusal ({@code error} field, or {@code success:false}) and throws it. */
    public static void error(String body) throws ServiceException {
        error(Json.read(body));
    }

    private static void error(JsonNode root) throws ServiceException {
        String e = Json.text(root, "error");
        if (e != null) throw new ServiceException(ERRORS.ofCode(e), "APIVoid says " + Json.excerpt(e));
        if (root.has("success") && !root.path("success").asBoolean(true)) {
            throw new ServiceException(ErrorClass.SERVER, "APIVoid answered success: false");
        }
    }
}
