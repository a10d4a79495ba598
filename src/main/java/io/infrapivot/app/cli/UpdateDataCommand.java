package io.infrapivot.app.cli;

import io.infrapivot.engine.data.DataFiles;
import io.infrapivot.engine.data.FailureReason;
import io.infrapivot.source.SourceSettings;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code infrapivot update-data}: refreshes the shipped data sets into the data folder. */
@Command(name = "update-data", mixinStandardHelpOptions = true,
        description = "Refresh the shipped data sets (Public Suffix List, known CDN/cloud ranges, RDAP bootstrap, reputation lists) into the data folder.")
final class UpdateDataCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--psl-url", paramLabel = "URL",
            description = "Where to fetch the Public Suffix List (http, https, file or a path); default: setting data.psl_url or publicsuffix.org.")
    String pslUrl;

    @Option(names = "--only", split = ",", paramLabel = "SET", description = "Only these data sets: psl, networks, rdap, reputation, geo.")
    List<String> only = new ArrayList<>();

    @Option(names = "--geo", description = "Also download DB-IP's free City Lite geolocation database (CC BY 4.0) for the geoip source (about 130 MB); `--only geo` downloads only it.")
    boolean geo;

    @Option(names = "--geo-url", paramLabel = "URL", description = "Where to fetch it ({month} stands for YYYY-MM); default: setting data.geo_url or DB-IP's download URL.")
    String geoUrl;

    @Option(names = "--status", description = "Only show the data sets in use and their dates.")
    boolean status;

    @Override
    public Integer call() throws InterruptedException {
        AppContext ctx = Main.context(spec);
        Terminal t = ctx.terminal();
        DataFiles data = ctx.data();
        if (status) {
            data.describe().forEach(l -> t.println(Terminal.v(l)));
            return ExitCodes.OK;
        }
        for (String o : only) {
            if (!List.of("psl", "networks", "rdap", "reputation", "geo").contains(o)) {
                throw new CliException(ExitCodes.BAD_INPUT, "--only takes psl, networks, rdap, reputation and geo, not '" + o + "'");
            }
        }
        SourceSettings settings = ctx.config().source("data");
        int ok = 0;
        int failed = 0;
        if (only.isEmpty() || only.contains("psl")) {
            String url = pslUrl != null ? pslUrl : settings.get("psl_url", DataFiles.PSL_URL);
            try {
                var r = data.refreshSuffixList(url, LocalDate.now(ZoneOffset.UTC));
                t.println("public-suffix-list: " + r.date() + ", " + r.entries() + " rules, from " + Terminal.v(r.origin()));
                ok++;
            } catch (IOException e) {
                t.error("public-suffix-list not refreshed: " + FailureReason.of(e));
                failed++;
            }
        }
        if (only.isEmpty() || only.contains("networks")) {
            try {
                for (var r : data.refreshNetworks(f -> settings.get(f.name() + "_url", f.defaultUrl()),
                        LocalDate.now(ZoneOffset.UTC))) {
                    if (r.replaced()) {
                        t.println(r.name() + ": " + r.entries() + " ranges from " + Terminal.v(r.origin()));
                        ok++;
                    } else {
                        t.error(r.name() + " not refreshed (kept as before): " + r.message());
                        failed++;
                    }
                }
            } catch (IOException e) {
                t.error("known-networks not written: " + FailureReason.of(e));
                failed++;
            }
        }
        if (only.isEmpty() || only.contains("rdap")) {
            SourceSettings rdap = ctx.config().source("rdap");
            String url = rdap.get("bootstrap_url", io.infrapivot.engine.data.RdapBootstrapRefresh.IANA_URL);
            try {
                var r = io.infrapivot.engine.data.RdapBootstrapRefresh.refresh(url, data.folder().resolve("rdap"));
                t.println("rdap-bootstrap: " + r.files() + " files" + (r.publication() == null ? ""
                        : ", published " + r.publication()) + ", from " + Terminal.v(url));
                ok++;
            } catch (IOException e) {
                t.error("rdap-bootstrap not refreshed: " + FailureReason.of(e));
                failed++;
            }
        }
        if (only.isEmpty() || only.contains("reputation")) {
            var r = ReputationDataUpdate.run(ctx, t);
            ok += r.ok();
            failed += r.failed();
        }
        if (geo || only.contains("geo")) {
            if (GeoDataStep.run(ctx, t, geoUrl != null ? geoUrl : settings.get("geo_url", null))) ok++;
            else failed++;
        }
        if (failed == 0) return ExitCodes.OK;
        return ok > 0 ? ExitCodes.PARTIAL : ExitCodes.ENVIRONMENT;
    }
}
