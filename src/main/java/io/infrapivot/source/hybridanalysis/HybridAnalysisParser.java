package io.infrapivot.source.hybridanalysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.Relation;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.http.ErrorTable;
import io.infrapivot.source.thirdparty.Facts;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.SampleFacts;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.Times;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Hybrid Analysis (Falcon Sandbox) API v2 {@code GET /api/v2/search/hash?hash=HASH}: the sandbox reports of the
 * file, each a report summary — {@code {"job_id", "environment_id", "environment_description", "state",
 * "submit_name", "md5", "sha1", "sha256", "sha512", "imphash", "ssdeep", "verdict" ("malicious", "suspicious",
 * "no specific threat", "whitelisted"), "threat_score" (0-100), "threat_level", "av_detect" (percent),
 * "vx_family", "type", "tags":[..], "domains":[..], "hosts":[..], "compromised_hosts":[..],
 * "analysis_start_time"}} — as a JSON array, or an object {@code {"sha256s":[..], "reports":[..]}} in the newer
 * form. Refusals are {@code {"message": ".."}} (401 "Failed to authenticate", 429 "Exceeded maximum API requests
 * per minute", 400 with {@code validation_errors}).
 */
public final class HybridAnalysisParser {
    private HybridAnalysisParser() {}

    public static final ErrorTable ERRORS = ErrorTable.STANDARD.notFoundIsEmpty()
            .saidStarting("failed to authenticate", ErrorClass.AUTH)
            .saidStarting("api key", ErrorClass.AUTH)
            .saidStarting("exceeded maximum api requests", ErrorClass.RATE_LIMITED)
            .saidStarting("exceeded api quota", ErrorClass.QUOTA);

    public static void explain(String body) throws ServiceException {
        String message = Json.text(Json.read(body), "message");
        if (message != null) {
            throw new ServiceException(ERRORS.ofCode(message), "Hybrid Analysis says " + Json.excerpt(message));
        }
    }

    /** The facts of the reports about {@code hash}; how many reports there were. */
    public static int map(String body, Indicator hash, Facts facts) throws ServiceException {
        JsonNode root = Json.read(body);
        JsonNode reports = root.isArray() ? root : root.get("reports");
        if (reports == null || !reports.isArray()) {
            explain(body);
            throw new ServiceException(ErrorClass.GARBAGE, "no reports in the answer");
        }
        for (String h : Json.texts(root, "sha256s")) {
            if (!h.equalsIgnoreCase(hash.value())) SampleFacts.sameFile(facts, hash, h);
        }
        int n = 0;
        for (JsonNode r : reports) {
            if (!r.isObject()) continue;
            n++;
            SampleFacts.sameFile(facts, hash, r, "md5", "sha1", "sha256", "sha512");
            ObjectNode v = Json.object();
            v.put("service", "Hybrid Analysis");
            SampleFacts.text(v, "verdict", r, "verdict");
            Long score = Json.number(r, "threat_score");
            if (score != null) v.put("threat_score", score); // 0-100
            Long av = Json.number(r, "av_detect");
            if (av != null) v.put("av_detect_percent", av);
            SampleFacts.text(v, "family", r, "vx_family");
            SampleFacts.text(v, "type", r, "type");
            SampleFacts.text(v, "environment", r, "environment_description");
            SampleFacts.text(v, "job_id", r, "job_id");
            SampleFacts.text(v, "report_id", r, "id");
            SampleFacts.texts(v, "tags", Json.texts(r, "tags"));
            SampleFacts.texts(v, "names", Json.texts(r, "submit_name"));
            facts.attribute(hash, Relation.VERDICT, v, null, Times.of(r, "analysis_start_time"));
            Set<String> hosts = new LinkedHashSet<>(Json.texts(r, "hosts"));
            hosts.addAll(Json.texts(r, "compromised_hosts"));
            SampleFacts.communicates(facts, hash, new ArrayList<>(Json.texts(r, "domains")), "domain");
            SampleFacts.communicates(facts, hash, hosts, "host");
        }
        return n;
    }
}
