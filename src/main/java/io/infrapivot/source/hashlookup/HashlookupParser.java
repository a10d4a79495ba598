package io.infrapivot.source.hashlookup;

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
import java.util.List;

/**
 * CIRCL hashlookup {@code GET /lookup/{md5|sha1|sha256}/HASH}: a known file's record in the hashlookup format
 * (draft-dulaunoy-hashlookup-format): {@code {"FileName", "FileSize", "MD5", "SHA-1", "SHA-256", "SHA-512",
 * "SSDEEP", "TLSH", "mimetype", "source", "db", "insert-timestamp", "hashlookup:trust", "KnownMalicious",
 * "hashlookup:parent-total", "parents":[{"FileName", "SHA-1", "PackageName"}], "PackageName", "ProductCode":{..}}}.
 * Unknown hashes answer 404 {@code {"message": "Non existing SHA-1", "query": ".."}}; a malformed one 400
 * {@code {"message": "Incorrect SHA1 hash format", "query": ".."}}.
 */
public final class HashlookupParser {
    private HashlookupParser() {}

    /** 404 is "not in the database"; 400 explains a malformed hash in {@code message}. */
    public static final ErrorTable ERRORS = ErrorTable.STANDARD.notFoundIsEmpty()
            .saidStarting("incorrect", ErrorClass.BAD_REQUEST);

    public static void explain(String body) throws ServiceException {
        String message = Json.text(Json.read(body), "message");
        if (message != null) {
            throw new ServiceException(ERRORS.ofCode(message), "hashlookup says " + Json.excerpt(message));
        }
    }

    private static java.time.Instant inserted(String text) {
        if (text == null || !text.matches("\\d{1,12}(\\.\\d{1,9})?")) return null;
        return Times.epoch(Long.parseLong(text.replaceFirst("\\..*", "")));
    }

    /** The facts of a record about {@code hash}: its other hashes, and a verdict naming it a known file. */
    public static void map(String body, Indicator hash, Facts facts) throws ServiceException {
        JsonNode root = Json.read(body);
        if (!root.isObject()) throw new ServiceException(ErrorClass.GARBAGE, "the answer is not a JSON object");
        if (Json.text(root, "SHA-1") == null && Json.text(root, "MD5") == null && Json.text(root, "SHA-256") == null) {
            String message = Json.text(root, "message");
            if (message != null) return; // "Non existing ..." with 200: nothing known
            throw new ServiceException(ErrorClass.GARBAGE, "no hashes in the answer");
        }
        SampleFacts.sameFile(facts, hash, root, "MD5", "SHA-1", "SHA-256", "SHA-512");
        ObjectNode v = Json.object();
        v.put("service", "CIRCL hashlookup");
        v.put("known_file", true);
        Long trust = Json.number(root, "hashlookup:trust");
        if (trust != null) v.put("trust", trust);
        SampleFacts.text(v, "known_malicious", root, "KnownMalicious");
        SampleFacts.text(v, "source", root, "source");
        SampleFacts.text(v, "db", root, "db");
        SampleFacts.text(v, "mime_type", root, "mimetype");
        SampleFacts.text(v, "package", root, "PackageName");
        Long size = Json.number(root, "FileSize");
        if (size != null) v.put("size", size);
        List<String> names = new ArrayList<>(Json.texts(root, "FileName"));
        List<String> parents = new ArrayList<>();
        for (JsonNode p : root.path("parents")) {
            String name = Json.text(p, "PackageName");
            if (name == null) name = Json.text(p, "FileName");
            if (name != null) parents.add(name);
        }
        SampleFacts.texts(v, "names", names);
        SampleFacts.texts(v, "parents", parents);
        Long parentTotal = Json.number(root, "hashlookup:parent-total");
        if (parentTotal != null) v.put("parent_total", parentTotal);
        // when hashlookup recorded the file: seconds since the epoch, with a fraction
        facts.attribute(hash, Relation.VERDICT, v, inserted(Json.text(root, "insert-timestamp")), null);
    }
}
