package io.infrapivot.source.hashlookup;

import io.infrapivot.model.Indicator;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.thirdparty.HashServiceSource;
import io.infrapivot.source.thirdparty.SampleFacts;
import io.infrapivot.source.thirdparty.ServiceCall;
import io.infrapivot.source.thirdparty.ServiceException;
import java.time.Duration;

/**
 * CIRCL hashlookup ({@code GET /lookup/md5|sha1|sha256/HASH}, no key): whether a hash is a known file (NSRL,
 * operating-system and package repositories — mostly known-good), its names, packages and other hashes. Telling an
 * analyst a sample is a stock system file is as useful as a malware verdict.
 */
public final class HashlookupSource extends HashServiceSource {
    public static final String ID = "hashlookup";

    private static final SourceInfo INFO = SourceInfo.builder(ID)
            .description("CIRCL hashlookup: known files (NSRL, OS packages) by MD5, SHA-1 or SHA-256, their names and"
                    + " other hashes (no key)")
            .accepts(IndicatorType.HASH)
            .produces(Relation.VERDICT, Relation.RELATED)
            .settings(settings(null, "https://hashlookup.circl.lu"))
            .rateLimit(60, Duration.ofMinutes(1))
            .concurrency(2)
            .build();

    public HashlookupSource() {
        super(INFO, HashlookupParser.ERRORS, "hashlookup", SampleFacts.MD5_SHA1_SHA256);
    }

    @Override
    protected LookupResult run(Indicator indicator, ServiceCall call) throws ServiceException, InterruptedException {
        var req = ServiceCall.Request.of(call.base() + "/lookup/" + kind(indicator) + "/" + indicator.value());
        String body = call.getExplained(req, HashlookupParser::explain, true);
        if (body != null) HashlookupParser.map(body, indicator, call.facts());
        return call.result(null, 0, false);
    }
}
