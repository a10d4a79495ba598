package io.infrapivot.app.cli;

import io.infrapivot.engine.config.Config;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.Relation;
import io.infrapivot.source.Readiness;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.SourceSettings;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code infrapivot sources}: every source, its kind, what it takes and gives, and whether it is ready. Never prints a key. */
@Command(name = "sources", mixinStandardHelpOptions = true,
        description = "List every source: passive/active/offline, accepted types, relations, readiness. Keys are never shown.")
final class SourcesCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "One JSON object per source.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Also the settings each source reads and the data sets in use.")
    boolean verbose;

    @Option(names = "--settings", description = "List every setting of every source and the engine's per-source"
            + " settings: name, type, default, description, environment variable (a secret's value is never shown).")
    boolean listSettings;

    @Option(names = "--check", description = "Also check that each ready network source's service is reachable (a TCP connection to its base URL's host; nothing is asked).")
    boolean check;

    /** Null when the service at {@code url} accepts a TCP connection within 3 s, else why not. */
    static String unreachable(String url) {
        try {
            java.net.URI u = java.net.URI.create(url);
            String host = u.getHost();
            if (host == null) return "no host in " + url;
            int port = u.getPort() > 0 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : "http".equals(u.getScheme()) ? 80
                    : u.getPort();
            if (port <= 0) return "no port for " + url;
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress(host, port), 3000);
            }
            return null;
        } catch (IllegalArgumentException | java.io.IOException e) {
            return io.infrapivot.engine.data.FailureReason.of(e); // in words: host not found, connection refused…
        }
    }

    private String reachability(Source s, SourceSettings settings, Readiness r) {
        if (!check || !r.isReady()) return null;
        String url = s.info().settings().stream().filter(st -> st.name().equals("url")).findFirst()
                .map(st -> settings.get("url", st.defaultText())).orElse(null);
        if (url == null) return null;
        String why = unreachable(url);
        return why == null ? "reachable" : "unreachable: " + why;
    }

    @Override
    public Integer call() {
        AppContext ctx = Main.context(spec);
        Terminal t = ctx.terminal();
        Config config = ctx.config();
        if (listSettings) return settingsTable(ctx, t, config);
        for (Source s : ctx.registry().all()) {
            SourceInfo info = s.info();
            SourceSettings settings = config.source(info.id());
            Readiness r = config.enabled(info.id()) ? s.readiness(settings) : Readiness.notReady("disabled in the config file");
            String reach = reachability(s, settings, r);
            List<String> accepts = info.accepts().stream().sorted().map(IndicatorType::id).toList();
            List<String> produces = info.produces().stream().sorted().map(Relation::id).toList();
            if (json) {
                var o = Json.object();
                o.put("kind", "source");
                o.put("id", info.id());
                o.put("description", info.description());
                o.put("access", info.access().id());
                o.set("accepts", Json.MAPPER.valueToTree(accepts));
                o.set("produces", Json.MAPPER.valueToTree(produces));
                o.put("ready", r.isReady());
                o.put("status", r.reason());
                if (reach != null) o.put("reachability", reach);
                o.put("concurrency", info.concurrency());
                if (info.rateLimit() != null) {
                    o.put("rate_limit", info.rateLimit().permits() + "/" + info.rateLimit().per());
                } else o.putNull("rate_limit");
                o.put("default_ttl", info.defaultTtl().toString());
                var set = o.putArray("settings");
                for (SourceInfo.Setting st : info.settings()) {
                    var so = set.addObject();
                    so.put("name", st.name());
                    so.put("env", settings.envName(st.name()));
                    so.put("secret", st.secret());
                    so.put("required", st.required());
                    so.put("set", settings.get(st.name()).isPresent());
                    // a secret's value is never written; a plain setting shows its value or default
                    if (!st.secret()) so.put("value", settings.get(st.name(), st.defaultText()));
                }
                Json.line(t.out(), o);
                continue;
            }
            String status = !r.isReady() ? t.yellow(Terminal.v(r.reason()))
                    : r.reason() == null || r.reason().equals("ready") ? t.green("ready")
                    : r.stale() ? t.yellow(Terminal.v(r.reason())) : t.green(Terminal.v(r.reason()));
            if (reach != null) status += ", " + Terminal.v(reach);
            t.printlnFolded(t.bold(Report.pad(info.id(), 16)) + Report.pad(info.access().id(), 9) + status, 25);
            t.printlnFolded("    " + Terminal.v(info.description()), 4);
            t.printlnFolded("    accepts: " + String.join(", ", accepts), 13);
            t.printlnFolded("    produces: " + String.join(", ", produces), 14);
            if (verbose) {
                for (SourceInfo.Setting st : info.settings()) {
                    String state = settings.get(st.name()).isPresent() ? (st.secret() ? "set (hidden)" : "= " + Terminal.v(settings.get(st.name()).get()))
                            : (st.defaultText() != null ? "default " + Terminal.v(st.defaultText()) : "not set");
                    t.printlnFolded("    setting " + st.name() + " (" + settings.envName(st.name()) + "): " + state
                            + (st.required() ? ", required" : ""), 6);
                }
            }
        }
        if (!json && verbose) {
            t.println(t.bold("data"));
            ctx.data().describe().forEach(l -> t.println("  " + Terminal.v(l)));
            t.println("config file: " + Terminal.v(config.file()) + (config.fileExists() ? "" : " (absent)"));
        }
        return ExitCodes.OK;
    }

    /** {@code --settings}: every source's settings, then the engine's, with types, defaults and descriptions. */
    private Integer settingsTable(AppContext ctx, Terminal t, Config config) {
        for (Source s : ctx.registry().all()) {
            SourceInfo info = s.info();
            SourceSettings given = config.source(info.id());
            if (!json) t.println(t.bold(info.id()));
            for (SourceInfo.Setting<?> st : info.settings()) {
                settingLine(t, info, given, st, "source", st.defaultText());
            }
            for (SourceInfo.Setting<?> st : io.infrapivot.engine.EngineSettings.ALL) {
                settingLine(t, info, given, st, "engine", io.infrapivot.engine.EngineSettings.defaultFor(st, info));
            }
        }
        return ExitCodes.OK;
    }

    private void settingLine(Terminal t, SourceInfo info, SourceSettings given, SourceInfo.Setting<?> st,
                             String owner, String defaultText) {
        boolean set = given.get(st.name()).isPresent();
        if (json) {
            var o = Json.object();
            o.put("kind", "setting");
            o.put("source", info.id());
            o.put("name", st.name());
            o.put("owner", owner);
            o.put("type", st.type());
            o.put("secret", st.secret());
            o.put("required", st.required());
            if (defaultText == null) o.putNull("default"); else o.put("default", defaultText);
            o.put("description", st.description());
            o.put("env", given.envName(st.name()));
            o.put("set", set);
            Json.line(t.out(), o);
            return;
        }
        String dflt = st.secret() ? "" : defaultText == null ? ", no default" : ", default " + Terminal.v(defaultText);
        String state = !set ? "" : st.secret() ? ", set (hidden)" : ", set to " + Terminal.v(given.get(st.name()).get());
        t.printlnFolded("  " + Report.pad(st.name(), 18) + Report.pad(st.type() + (st.secret() && !st.type().equals("secret") ? " (secret)" : ""), 16)
                + Terminal.v(st.description()) + dflt + state + (st.required() ? ", required" : "")
                + ("engine".equals(owner) ? " [engine]" : ""), 36);
        t.println("  " + Report.pad("", 18) + "env " + given.envName(st.name()));
    }
}
