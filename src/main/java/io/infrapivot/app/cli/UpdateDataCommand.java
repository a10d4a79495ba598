package io.infrapivot.app.cli;

import io.infrapivot.engine.data.DataFiles;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code infrapivot update-data}: refreshes the shipped data sets into the data folder. */
@Command(name = "update-data", mixinStandardHelpOptions = true,
        description = "Refresh the shipped data sets (Public Suffix List) into the data folder.")
final class UpdateDataCommand implements Callable<Integer> {
    @Option(names = "--psl-url", paramLabel = "URL",
            description = "Where to fetch the Public Suffix List (http, https, file or a path); default: setting data.psl_url or publicsuffix.org.")
    String pslUrl;

    @Option(names = "--status", description = "Only show the data sets in use and their dates.")
    boolean status;

    @Override
    public Integer call() throws InterruptedException {
        AppContext ctx = Main.context;
        Terminal t = ctx.terminal();
        DataFiles data = ctx.data();
        if (status) {
            data.describe().forEach(l -> t.println(Terminal.v(l)));
            return ExitCodes.OK;
        }
        String url = pslUrl != null ? pslUrl : ctx.config().source("data").get("psl_url", DataFiles.PSL_URL);
        try {
            var r = data.refreshSuffixList(url, LocalDate.now(ZoneOffset.UTC));
            t.println("public-suffix-list: " + r.date() + ", " + r.entries() + " rules, from " + Terminal.v(r.origin()));
        } catch (IOException e) {
            throw new CliException(ExitCodes.ENVIRONMENT, "public-suffix-list not refreshed: " + e.getMessage());
        }
        return ExitCodes.OK;
    }
}
