package io.infrapivot.source.triage;

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
 * Recorded Future Triage (tria.ge) Cloud API. Search ({@code GET /v0/search?query=sha256:HASH}):
 * {@code {"data":[{"id":"201026-n8zz26cd4s","status":"reported","kind":"file","filename":..,"submitted":..,
 * "completed":..}],"next":..}}. A sample's overview ({@code GET /v0/samples/ID/overview.json}):
 * {@code {"sample":{"id","target","score","md5","sha1","sha256","submitted","completed"},"analysis":{"score",
 * "family":[..],"tags":[..]},"targets":[{"target","family":[..],"tags":[..],"iocs":{"urls":[..],"domains":[..],
 * "ips":[..]}}],"extracted":[{"config":{"family","rule","c2":[..]}}]}}. Errors are {@code {"error":"NOT_FOUND",
 * "message":".."}} ({@code UNAUTHORIZED}, {@code INVALID_QUERY}, ...).
 */
public final class TriageParser {
    private TriageParser() {}

    public static final ErrorTable ERRORS = ErrorTable.STANDARD
            .said("UNAUTHORIZED", ErrorClass.AUTH)
            .said("FORBIDDEN", ErrorClass.AUTH)
            .said("NOT_FOUND", ErrorClass.NOT_FOUND)
            .said("INVALID_QUERY", ErrorClass.BAD_REQUEST)
            .said("BAD_REQUEST", ErrorClass.BAD_REQUEST)
            .said("RATE_LIMITED", ErrorClass.RATE_LIMITED);

    public static void explain(String body) throws ServiceException {
        JsonNode root = Json.read(body);
        String error = Json.text(root, "error");
        if (error != null) {
            String message = Json.text(root, "message");
            throw new ServiceException(ERRORS.ofCode(error), "Triage says " + Json.excerpt(error
                    + (message == null ? "" : ": " + message)));
        }
    }

    /** One search hit. */
    public record Hit(String id, String filename) {}

    /** The sample IDs a search found (an ID is letters, digits and '-' only: it goes into a URL path). */
    public static List<Hit> search(String body) throws ServiceException {
        JsonNode root = Json.read(body);
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            explain(body);
            throw new ServiceException(ErrorClass.GARBAGE, "no data array in the answer");
        }
        List<Hit> out = new ArrayList<>();
        for (JsonNode d : data) {
            String id = Json.text(d, "id");
            if (id == null || !id.matches("[A-Za-z0-9-]{1,64}")) continue;
            out.add(new Hit(id, Json.text(d, "filename")));
        }
        return out;
    }

    /** The facts of one sample's overview about {@code hash}. */
    public static void overview(String body, Hit hit, Indicator hash, Facts facts) throws ServiceException {
        JsonNode root = Json.read(body);
        JsonNode sample = root.get("sample");
        if (sample == null || !sample.isObject()) {
            explain(body);
            throw new ServiceException(ErrorClass.GARBAGE, "no sample in the overview");
        }
        SampleFacts.sameFile(facts, hash, sample, "md5", "sha1", "sha256", "sha512");
        JsonNode analysis = root.path("analysis");
        ObjectNode v = Json.object();
        v.put("service", "Triage");
        v.put("sample", hit.id());
        Long score = Json.number(analysis, "score");
        if (score == null) score = Json.number(sample, "score");
        if (score != null) v.put("score", score); // Triage's 1-10 scale
        Set<String> families = new LinkedHashSet<>(Json.texts(analysis, "family"));
        Set<String> tags = new LinkedHashSet<>(Json.texts(analysis, "tags"));
        Set<String> names = new LinkedHashSet<>();
        if (hit.filename() != null) names.add(hit.filename());
        String target = Json.text(sample, "target");
        if (target != null) names.add(target);
        Set<String> domains = new LinkedHashSet<>();
        Set<String> ips = new LinkedHashSet<>();
        Set<String> urls = new LinkedHashSet<>();
        for (JsonNode t : root.path("targets")) {
            families.addAll(Json.texts(t, "family"));
            tags.addAll(Json.texts(t, "tags"));
            JsonNode iocs = t.path("iocs");
            domains.addAll(Json.texts(iocs, "domains"));
            ips.addAll(Json.texts(iocs, "ips"));
            urls.addAll(Json.texts(iocs, "urls"));
        }
        Set<String> c2 = new LinkedHashSet<>();
        for (JsonNode e : root.path("extracted")) {
            JsonNode config = e.path("config");
            families.addAll(Json.texts(config, "family"));
            c2.addAll(Json.texts(config, "c2"));
        }
        SampleFacts.texts(v, "families", families);
        SampleFacts.texts(v, "tags", tags);
        SampleFacts.texts(v, "names", names);
        facts.attribute(hash, Relation.VERDICT, v, Times.of(sample, "submitted"), Times.of(sample, "completed"));
        SampleFacts.communicates(facts, hash, c2, "c2 (extracted config)");
        SampleFacts.communicates(facts, hash, urls, "url");
        SampleFacts.communicates(facts, hash, domains, "domain");
        SampleFacts.communicates(facts, hash, ips, "ip");
    }
}
