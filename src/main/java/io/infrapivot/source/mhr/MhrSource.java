package io.infrapivot.source.mhr;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Observation;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupContext;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.SourceSettings;
import io.infrapivot.source.dns.Asker;
import io.infrapivot.source.dns.DnsAnswer;
import io.infrapivot.source.dns.DnsBased;
import io.infrapivot.source.dns.DnsConfig;
import io.infrapivot.source.dns.DnsNames;
import io.infrapivot.source.dns.DnsResolvers;
import io.infrapivot.source.dns.DnsStatus;
import io.infrapivot.source.dns.FindingConverter;
import io.infrapivot.source.dns.RecordInterpreter;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Type;

/**
 * Source {@code mhr} (passive, no key): Team Cymru's Malware Hash Registry over DNS. A TXT question for
 * {@code <md5-or-sha1>.malware.hash.cymru.com} answers {@code "<unix time last seen> <detection percent>"} for a
 * file the registry knows as malware; NXDOMAIN means it does not know it (which says nothing either way). DNS-based:
 * it takes the resolver settings of {@code [sources.dns]} unless its own table sets them.
 */
public final class MhrSource implements Source, DnsBased {
    public static final String ID = "mhr";

    /** The registry's zone (a setting, so tests point it at a local server: {@code INFRAPIVOT_MHR_ZONE}). */
    static final SourceInfo.Setting<String> ZONE = SourceInfo.Setting.text("zone", "Malware Hash Registry zone",
            "malware.hash.cymru.com");

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("Team Cymru Malware Hash Registry over DNS: last seen and AV detection percent of an MD5 or"
                    + " SHA-1 (no key)")
            .accepts(IndicatorType.HASH)
            .produces(Relation.VERDICT, Relation.DNS_RECORD)
            .settings(DnsConfig.settingsPlus(ZONE))
            .concurrency(8)
            .build();

    @Override
    public SourceInfo info() {
        return INFO;
    }

    /** Answers depend on the resolvers asked: kept per resolver list. */
    @Override
    public String cacheKey(RunOptions options, SourceSettings settings) {
        return DnsResolvers.cacheKey(options, settings);
    }

    @Override
    public LookupResult lookup(Indicator indicator, LookupContext context) throws InterruptedException {
        String hash = indicator.value();
        if (indicator.type() != IndicatorType.HASH || !hash.matches("[0-9a-f]{32}|[0-9a-f]{40}")) {
            return LookupResult.skipped("the Malware Hash Registry takes MD5 and SHA-1 hashes only");
        }
        Asker asker = DnsResolvers.asker(context);
        DnsAnswer a = asker.ask(DnsNames.parse(hash + "." + context.settings().get(ZONE)), Type.TXT);
        FindingConverter conv = new FindingConverter(context.parser(), ID, context.now());
        List<Observation> out = new ArrayList<>();
        var evidence = conv.evidence(a);
        if (a.status() == DnsStatus.ANSWER) {
            for (String txt : RecordInterpreter.txtStrings(a)) {
                var hit = MhrParser.parse(txt);
                if (hit.isEmpty()) continue;
                ObjectNode v = JsonNodeFactory.instance.objectNode();
                v.put("registry", "Team Cymru Malware Hash Registry");
                v.put("detection_percent", hit.get().detectionPercent());
                v.put("last_seen", hit.get().lastSeen().toString());
                out.add(new Observation(indicator, Relation.VERDICT, null, v, ID, null, hit.get().lastSeen(),
                        context.now(), null, evidence));
                break;
            }
            return LookupResult.of(out, List.of(evidence));
        }
        if (a.message() == null) {
            return LookupResult.error("no DNS answer (" + a.status().id() + ")" + (a.error() == null ? ""
                    : ": " + a.error()), List.of(evidence));
        }
        // NXDOMAIN: not known to the registry (recorded as the outcome, no verdict)
        ObjectNode v = JsonNodeFactory.instance.objectNode().put("type", "TXT").put("outcome", a.status().id());
        out.add(Observation.attribute(indicator, Relation.DNS_RECORD, v, ID, context.now(), evidence));
        return LookupResult.of(out, List.of(evidence));
    }
}
