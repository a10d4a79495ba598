package io.infrapivot.app.web;

import io.infrapivot.app.cli.AppContext;
import io.infrapivot.app.cli.CliException;
import io.infrapivot.app.cli.ExitCodes;
import io.infrapivot.app.cli.Terminal;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.source.Durations;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code infrapivot serve}: the case as a graph on a local web page, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a local web page that draws the case as a graph and starts lookups and recipe runs from it (until Ctrl-C).")
public final class ServeCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--case", paramLabel = "NAME", description = "Case to open first (name or path); default from the config, else 'default'.")
    String caseName;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8765", description = "TCP port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}); any other needs the printed token.")
    String bind;

    @Option(names = "--allow-host", paramLabel = "NAME", description = "A host name the page may be reached by besides the address and localhost (repeatable).")
    List<String> allowHosts = new ArrayList<>();

    @Option(names = "--open", description = "Open the page in the desktop's browser.")
    boolean openBrowser;

    @Option(names = "--resolver", paramLabel = "IP[:PORT]", description = "DNS resolver for runs started from the page (repeatable).")
    List<String> resolvers = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s", description = "Time one source lookup may take (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--maltego", description = "Also answer Maltego's remote-transform protocol (TRX) at POST /run/<transform>/ (docs/maltego.md).")
    boolean maltego;

    @Override
    public Integer call() throws Exception {
        AppContext ctx = io.infrapivot.app.cli.Main.context(spec); // --no-color, the tests' terminal
        Terminal t = ctx.terminal();
        io.infrapivot.app.cli.Counts.within("--port", port, 0, 65535);
        InetAddress address = address(bind);
        Duration limit;
        try {
            limit = Durations.parse(timeout);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--timeout: " + e.getMessage());
        }
        String name = ctx.caseName(caseName);
        try (CaseStore first = openFirst(ctx, name)) {
            first.info();
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, e.getMessage());
        } catch (RuntimeException e) {
            throw new CliException(ExitCodes.ENVIRONMENT, "cannot open case '" + name + "': " + e.getMessage());
        }
        Runs runs = new Runs(new Runs.Setup(ctx.registry(), ctx.config(), ctx.parser(), ctx.data().folder(), ctx.clock(),
                resolvers, limit));
        WebServer server = new WebServer(new WebServer.Options(address, port, new LinkedHashSet<>(allowHosts), name,
                GraphView.DEFAULT_FOLD_LIMIT, GraphView.DEFAULT_MAX_NODES), ctx.cases(), ctx.parser(), runs);
        io.infrapivot.app.maltego.EngineLookups trxLookups = null;
        if (maltego) { // behind the same guard (Host, token); Maltego sends no Origin
            trxLookups = new io.infrapivot.app.maltego.EngineLookups(ctx.config(), ctx.parser(), ctx.registry(),
                    ctx.cases(), ctx.data().folder(), ctx.clock(), new io.infrapivot.app.maltego.EngineLookups.Options(
                    resolvers, false, limit, io.infrapivot.app.maltego.EngineLookups.Options.defaults().maxNodes()));
            server.mount("/run/", io.infrapivot.app.maltego.TrxHttpServer.handler(new io.infrapivot.app.maltego.TrxService(
                    new io.infrapivot.app.maltego.TransformRunner(trxLookups))), Guard.OriginPolicy.IF_PRESENT);
        }
        io.infrapivot.app.maltego.EngineLookups trx = trxLookups;
        try {
            server.start();
        } catch (IOException e) {
            throw new CliException(ExitCodes.ENVIRONMENT, "cannot listen on " + bind + ":" + port + ": " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            if (trx != null) trx.close();
            stopped.countDown();
        }, "infrapivot-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        t.println("infrapivot serves case '" + Terminal.v(name) + "' at " + server.url());
        if (server.token() != null) {
            t.println("the address carries a one-time token: anyone with it can use the page; Ctrl-C stops the server");
        } else {
            t.println("Ctrl-C stops the server");
        }
        t.out().flush();
        if (maltego) t.println("Maltego transforms (TRX) answer at " + server.url().replaceFirst("(https?://[^/]+).*", "$1") + "/run/<transform>/");
        if (openBrowser) open(t, server.url());
        stopped.await();
        return ExitCodes.INTERRUPTED;
    }

    /** The case the page opens on; a new one is created (the page needs it) and said so on stderr. */
    private static CaseStore openFirst(AppContext ctx, String name) {
        try {
            return ctx.cases().openExisting(name);
        } catch (java.util.NoSuchElementException e) {
            CaseStore created = ctx.cases().open(name);
            ctx.terminal().err().println("case '" + Terminal.v(name) + "' is new (created)");
            return created;
        }
    }

    static InetAddress address(String text) {
        String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (s.equals("localhost")) return InetAddress.getLoopbackAddress();
        if (Guard.literal(s.toLowerCase(java.util.Locale.ROOT)).isEmpty() && !s.equals("0.0.0.0") && !s.equals("::")) {
            throw new CliException(ExitCodes.BAD_INPUT, "--bind: an IP address, e.g. 127.0.0.1 or 0.0.0.0");
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--bind: not an IP address: " + Terminal.v(text));
        }
    }

    private static void open(Terminal t, String url) {
        try {
            if (java.awt.Desktop.isDesktopSupported()
                    && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.BROWSE)) {
                java.awt.Desktop.getDesktop().browse(java.net.URI.create(url));
                return;
            }
            new ProcessBuilder("xdg-open", url).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException | RuntimeException e) {
            t.warn("could not open a browser (" + e.getMessage() + "); open the address yourself");
        }
    }
}
