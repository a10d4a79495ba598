package io.infrapivot.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.Safe;
import io.infrapivot.source.rdap.RdapParser;
import io.infrapivot.source.registration.RegistrationJson;
import io.infrapivot.source.registration.RegistrationRecord;
import io.infrapivot.source.registration.RegistrationSummary;
import io.infrapivot.source.whois.ServerProfile;
import io.infrapivot.source.whois.WhoisClient;
import io.infrapivot.source.whois.WhoisParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code infrapivot registration ...}: registration data (RDAP/WHOIS) tools that need no network. */
@Command(name = "registration", mixinStandardHelpOptions = true,
        description = "Registration data (RDAP/WHOIS) without the network.",
        subcommands = {RegistrationCommand.Parse.class})
final class RegistrationCommand implements Callable<Integer> {
    /** Saved answers larger than this are refused (WHOIS answers are kilobytes; RDAP rarely a megabyte). */
    static final long MAX_FILE = 16L << 20;

    @Override
    public Integer call() {
        new CommandLine(this).usage(Main.context.terminal().out());
        return ExitCodes.OK;
    }

    /** {@code registration parse FILE...}: one normalised record per saved WHOIS text or RDAP JSON. */
    @Command(name = "parse", mixinStandardHelpOptions = true,
            description = "Parse saved WHOIS texts or RDAP JSON answers offline into normalised records "
                    + "(docs/registration.md). The format is guessed unless --format or --server says it.")
    static final class Parse implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Saved answers ('-' for stdin).")
        List<String> files;

        @Option(names = "--server", paramLabel = "WHOIS_HOST",
                description = "The WHOIS server that gave the answer (chooses its format, charset and time zone).")
        String server;

        @Option(names = "--format", paramLabel = "whois|rdap", description = "whois or rdap (default: guessed).")
        String format;

        @Option(names = "--json", description = "One JSON object per file (JSON Lines), each with \"file\".")
        boolean json;

        @Option(names = {"-v", "--verbose"}, description = "Every field, not only the summary.")
        boolean verbose;

        @Option(names = "--case", paramLabel = "NAME",
                description = "Also store each record in this case, dated, so 'history --registration' shows the "
                        + "changes between the files.")
        String caseName;

        @Option(names = "--date", paramLabel = "DATE",
                description = "The date of the answers (YYYY-MM-DD or an ISO-8601 instant; default: each file's own "
                        + "date: the 'Last update of whois database' it states, else its modification time).")
        String date;

        @Override
        public Integer call() {
            Terminal t = Main.context.terminal();
            String fmt = format == null ? null : format.toLowerCase(Locale.ROOT);
            if (fmt != null && !fmt.equals("whois") && !fmt.equals("rdap")) {
                throw new CliException(ExitCodes.BAD_INPUT, "--format must be whois or rdap, not '" + format + "'");
            }
            Instant forced = date == null ? null : parseDate(date);
            io.infrapivot.engine.port.CaseStore store = caseName == null ? null
                    : CaseCommand.open(Main.context, Main.context.caseName(caseName));
            int ok = 0;
            int stored = 0;
            try {
            for (String f : files) {
                try {
                    RegistrationRecord r = parseFile(f, fmt, server, Main.context.clock().instant());
                    if (forced != null) r = r.toBuilder().fetched(forced).build();
                    if (store != null) {
                        store(store, f, r);
                        stored++;
                    }
                    ok++;
                    if (json) {
                        ObjectNode o = Json.object();
                        o.put("file", f);
                        o.setAll((ObjectNode) RegistrationJson.toTree(r));
                        Json.line(t.out(), o);
                    } else {
                        t.println(t.bold("== " + Terminal.v(f) + " ==") + "  " + r.kind() + ", " + r.format()
                                + ", " + r.parseStatus().id());
                        List<String> lines = verbose ? RegistrationSummary.full(r)
                                : RegistrationSummary.lines(r, Main.context.clock().instant());
                        for (String l : lines) t.println("  " + l);
                    }
                } catch (NoSuchFileException e) {
                    t.error("no such file: " + Safe.oneLine(f));
                } catch (IOException | IllegalArgumentException e) {
                    t.error("cannot parse " + Safe.oneLine(f) + ": " + Safe.oneLine(e.getMessage()));
                }
            }
            } finally {
                if (store != null) store.close();
            }
            if (store != null) {
                t.error(stored + (stored == 1 ? " record" : " records") + " stored in case "
                        + Terminal.v(Main.context.caseName(caseName)) + " (infrapivot history --registration …)");
            }
            if (ok == files.size()) return ExitCodes.OK;
            return ok == 0 ? ExitCodes.BAD_INPUT : ExitCodes.PARTIAL;
        }
    }

    /** Source id of records loaded from saved files (shown by {@code history}). */
    static final String FILE_SOURCE = "registration-file";

    /** "2024-05-01" (that day, UTC) or an ISO-8601 instant; anything else is bad input. */
    static Instant parseDate(String text) {
        try {
            if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            }
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--date must be YYYY-MM-DD or an ISO-8601 time like "
                    + "2024-05-01T12:00:00Z, not '" + Safe.oneLine(text) + "'");
        }
    }

    /**
     * Stores one parsed record in the case as a lookup of {@link #FILE_SOURCE} about the object it describes,
     * dated by the record's {@code fetched} (the file's date): its facts are seen at that date, so
     * {@code history --registration} orders the files by it and shows what changed between them.
     */
    static void store(io.infrapivot.engine.port.CaseStore store, String file, RegistrationRecord r) {
        io.infrapivot.model.Indicator subject = subjectOf(r);
        if (subject == null) {
            throw new IllegalArgumentException("the answer names no domain, network or ASN to store it under");
        }
        Instant at = r.fetched();
        var evidence = io.infrapivot.model.RawAnswer.text(FILE_SOURCE, "file " + file,
                RegistrationJson.toJson(r), "application/json", r.status().id(), at, java.time.Duration.ZERO);
        List<io.infrapivot.model.Observation> obs = io.infrapivot.source.registration.RegistrationObservations.of(
                subject, r, FILE_SOURCE, at, evidence, Main.context.parser()).stream()
                .map(o -> o.withSeen(at, at, null)).toList();
        store.saveLookup(FILE_SOURCE, subject, "file:" + file, at, at,
                io.infrapivot.source.LookupResult.of(obs, List.of(evidence)), java.time.Duration.ZERO);
    }

    /** The indicator a record is about: its domain, its network's first block, or its ASN; null when none. */
    static io.infrapivot.model.Indicator subjectOf(RegistrationRecord r) {
        var parser = Main.context.parser();
        io.infrapivot.model.ParseResult p = null;
        if (r.domain() != null) p = parser.parseName(r.domain());
        else if (r.network() != null && !r.network().cidrs().isEmpty()) {
            p = parser.parseAs(io.infrapivot.model.IndicatorType.CIDR, r.network().cidrs().get(0));
        } else if (r.autnum() != null && r.autnum().number() != null) {
            p = parser.parseAs(io.infrapivot.model.IndicatorType.ASN, "AS" + r.autnum().number());
        }
        return p instanceof io.infrapivot.model.ParseResult.Parsed ok ? ok.parsed().indicator() : null;
    }

    private static final java.util.regex.Pattern DB_UPDATE = java.util.regex.Pattern.compile(
            "(?i)last update of (?:the )?(?:whois|rdap) database:?\\s*\"?([^<\"\\r\\n]{6,60}?)\\s*\"?\\s*(?:<<<|\\r?\\n|$)");

    private static final java.util.regex.Pattern RDAP_UPDATE = java.util.regex.Pattern.compile(
            "(?i)\"eventAction\"\\s*:\\s*\"last update of rdap database\"\\s*,\\s*\"eventDate\"\\s*:\\s*\"([^\"]{6,40})\"");

    /**
     * The date an answer states for itself (WHOIS "Last update of whois database: …", RDAP's "last update of RDAP
     * database" event), or null.
     */
    static Instant ownDate(String text) {
        String head = text.length() > 200_000 ? text.substring(0, 200_000) : text;
        for (java.util.regex.Pattern p : List.of(DB_UPDATE, RDAP_UPDATE)) {
            java.util.regex.Matcher m = p.matcher(head);
            if (m.find()) return io.infrapivot.source.registration.RegistrationDates.parse(m.group(1).strip());
        }
        return null;
    }

    /**
     * Parses one saved answer. WHOIS text is decoded as the server's declared charset, else UTF-8, else Latin-1;
     * the record's {@code fetched} is the file's modification time.
     */
    static RegistrationRecord parseFile(String name, String format, String server, Instant now) throws IOException {
        byte[] bytes;
        Instant fetched = now;
        if (name.equals("-")) {
            bytes = readCapped(System.in);
        } else {
            Path p = Path.of(name);
            if (Files.size(p) > MAX_FILE) throw new IOException("larger than " + (MAX_FILE >> 20) + " MB");
            bytes = Files.readAllBytes(p);
            fetched = Files.getLastModifiedTime(p).toInstant();
        }
        String text = WhoisClient.decode(bytes, null);
        Instant own = ownDate(text);
        if (own != null) fetched = own; // the answer's own date beats the file's modification time
        String fmt = format != null ? format : server != null ? "whois" : guess(text);
        String host = server == null ? null : server.toLowerCase(Locale.ROOT);
        if (fmt.equals("rdap")) return RdapParser.parse(text, 0, null, null, fetched);
        String whoisText = host == null ? text : WhoisClient.decode(bytes, ServerProfile.of(host).charset());
        return WhoisParser.parse(whoisText, host, null, fetched);
    }

    /** RDAP when the text is a JSON object, WHOIS otherwise. */
    static String guess(String text) {
        String s = text.stripLeading();
        return s.startsWith("{") ? "rdap" : "whois";
    }

    private static byte[] readCapped(InputStream in) throws IOException {
        byte[] b = in.readNBytes((int) MAX_FILE + 1);
        if (b.length > MAX_FILE) throw new IOException("larger than " + (MAX_FILE >> 20) + " MB");
        return b;
    }
}
