package io.infrapivot.source.peeringdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.model.Safe;
import io.infrapivot.source.ErrorClass;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.routing.HostingAsns;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import io.infrapivot.source.thirdparty.ServiceSource;
import io.infrapivot.source.thirdparty.Times;
import java.time.Duration;

/**
 * Source {@code peeringdb} (passive; a key is optional and raises the anonymous rate limit): the organisation
 * behind an ASN. {@code /api/net?asn=N} gives the network record (name, type, IRR as-set, website, its
 * {@code org_id}); {@code /api/org/ID} the organisation (name, country, city). Both answer
 * {@code {"data": [...], "meta": {...}}}; an unknown ASN is an empty {@code data} array, a refusal says why in
 * {@code meta.error} (or DRF's {@code detail}). A key travels as {@code Authorization: Api-Key ...}.
 */
public final class PeeringDbSource extends ServiceSource {
    public static final String ID = "peeringdb";

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("PeeringDB: the organisation holding an ASN (network name, type, IRR as-set, website,"
                    + " organisation, country), with the record's dates")
            .accepts(IndicatorType.ASN)
            .produces(Relation.NETWORK_OWNER)
            .settings(settings(SourceInfo.Setting.key("PeeringDB API key (optional)", false),
                    "https://www.peeringdb.com"))
            .rateLimit(20, Duration.ofMinutes(1)).concurrency(2).ttl(Duration.ofDays(7))
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    private ServiceCall.Request request(ServiceCall call, String url) {
        var r = ServiceCall.Request.of(url);
        return call.keys().isEmpty() ? r : r.header("Authorization", "Api-Key " + call.keys().get(0).reveal());
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        Long asn = HostingAsns.number(indicator.value());
        if (asn == null) throw new ServiceException(ErrorClass.BAD_REQUEST, "not an AS number");
        String body = call.getExplained(request(call, call.base() + "/api/net?asn=" + asn), PeeringDbSource::said,
                false);
        JsonNode net = first(body);
        if (net == null) return call.result(0L, 0, false); // not in PeeringDB
        ObjectNode v = Json.object().put("peeringdb_net_id", Json.number(net, "id"));
        put(v, "network_name", Json.text(net, "name"));
        put(v, "aka", Json.text(net, "aka"));
        put(v, "website", Json.text(net, "website"));
        put(v, "type", Json.text(net, "info_type"));
        put(v, "irr_as_set", Json.text(net, "irr_as_set"));
        put(v, "policy", Json.text(net, "policy_general"));
        var created = Times.parse(Json.text(net, "created"));
        var updated = Times.parse(Json.text(net, "updated"));
        Long orgId = Json.number(net, "org_id");
        String orgName = null;
        if (orgId != null) {
            v.put("peeringdb_org_id", orgId);
            try {
                JsonNode org = first(call.getExplained(request(call, call.base() + "/api/org/" + orgId),
                        PeeringDbSource::said, false));
                if (org != null) {
                    orgName = Json.text(org, "name");
                    put(v, "country", Json.text(org, "country"));
                    put(v, "city", Json.text(org, "city"));
                    put(v, "org_website", Json.text(org, "website"));
                }
            } catch (ServiceException e) {
                if (e.errorClass() == ErrorClass.HELD) throw e;
                call.note("org " + orgId + ": " + e.getMessage());
            }
        }
        // without the organisation record, the network's name stands for its holder
        String owner = orgName != null ? orgName : Json.text(net, "name");
        var o = call.facts().as(IndicatorType.ORG, owner == null ? null : Safe.truncate(owner, 200));
        o.ifPresent(org -> call.facts().link(indicator, Relation.NETWORK_OWNER, org, v, created, updated, null));
        return call.result(1L, 1, false);
    }

    private static void put(ObjectNode v, String k, String s) {
        if (s != null) v.put(k, Safe.truncate(s, 300));
    }

    /** The first record of a {@code data} array, or null when it is empty. */
    static JsonNode first(String body) throws ServiceException {
        JsonNode root = Json.read(body);
        said(root);
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) throw new ServiceException(ErrorClass.GARBAGE, "an answer without data");
        return data.isEmpty() ? null : data.get(0);
    }

    /** Reads an error body ({@code meta.error}, or DRF's {@code detail}). */
    static void said(String body) throws ServiceException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            return;
        }
        if (root != null) said(root);
    }

    private static void said(JsonNode root) throws ServiceException {
        String error = Json.text(root.path("meta"), "error");
        if (error == null) error = Json.text(root, "detail");
        if (error == null) return;
        throw new ServiceException(ERRORS.ofCode(error), "PeeringDB says " + Json.excerpt(error));
    }

    /** PeeringDB's error sentences: a throttled request is rate limited, an unknown object not found. */
    static final io.infrapivot.source.http.ErrorTable ERRORS = io.infrapivot.source.http.ErrorTable.STANDARD
            .otherwise(ErrorClass.BAD_REQUEST)
            .saidStarting("Request was throttled", ErrorClass.RATE_LIMITED)
            .saidStarting("Entity not found", ErrorClass.NOT_FOUND)
            .saidStarting("Authentication credentials were not provided", ErrorClass.AUTH)
            .saidStarting("Invalid API key", ErrorClass.AUTH)
            .saidStarting("Invalid token", ErrorClass.AUTH);

    @Override
    public io.infrapivot.source.http.ErrorTable errors() {
        return ERRORS;
    }
}
