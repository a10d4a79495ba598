package io.infrapivot.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.engine.SavedAnswers;
import io.infrapivot.engine.SavedRecord;
import io.infrapivot.model.Safe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code infrapivot registration ...}: registration data (RDAP/WHOIS) tools that need no network. */
@Command(name = "registration", mixinStandardHelpOptions = true,
        description = "Registration data (RDAP/WHOIS) without the network.",
        subcommands = {RegistrationCommand.Parse.class})
final class RegistrationCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Saved answers larger than this are refused (WHOIS answers are kilobytes; RDAP rarely a megabyte). */
    static final long MAX_FILE = 16L << 20;

    @Override
    public Integer call() {
        spec.commandLine().usage(Main.context(spec).terminal().out());
        return ExitCodes.OK;
    }

    /** {@code registration parse FILE...}: one normalised record per saved WHOIS text or RDAP JSON. */
    @Command(name = "parse", mixinStandardHelpOptions = true,
            description = "Parse saved WHOIS texts or RDAP JSON answers offline into normalised records "
                    + "(docs/registration.md). The format is guessed unless --format or --server says it.")
    static final class Parse implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

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
            Terminal t = Main.context(spec).terminal();
            String fmt = format == null ? null : format.toLowerCase(Locale.ROOT);
            if (fmt != null && !fmt.equals("whois") && !fmt.equals("rdap")) {
                throw new CliException(ExitCodes.BAD_INPUT, "--format must be whois or rdap, not '" + format + "'");
            }
            Instant forced = date == null ? null : parseDate(date);
            io.infrapivot.engine.port.CaseStore store = caseName == null ? null
                    : CaseCommand.open(Main.context(spec), Main.context(spec).caseName(caseName));
            int ok = 0;
            int stored = 0;
            try {
            for (String f : files) {
                try {
                    SavedRecord r = parseFile(f, fmt, server, Main.context(spec).clock().instant());
                    if (forced != null) r = r.fetchedAt(forced);
                    if (store != null) {
                        r.store(store, f, Main.context(spec).parser());
                        stored++;
                    }
                    ok++;
                    if (json) {
                        ObjectNode o = Json.object();
                        o.put("file", f);
                        o.setAll((ObjectNode) r.json());
                        Json.line(t.out(), o);
                    } else {
                        t.println(t.bold("== " + Terminal.v(f) + " ==") + "  " + r.kind() + ", " + r.format()
                                + ", " + r.parseStatus());
                        List<String> lines = r.lines(verbose, Main.context(spec).clock().instant());
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
                        + Main.context(spec).caseName(caseName) + " (infrapivot history --registration …)");
            }
            if (ok == files.size()) return ExitCodes.OK;
            return ok == 0 ? ExitCodes.BAD_INPUT : ExitCodes.PARTIAL;
        }
    }

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
     * Parses one saved answer. WHOIS text is decoded as the server's declared charset, else UTF-8, else Latin-1;
     * the record's {@code fetched} is the file's modification time.
     */
    static SavedRecord parseFile(String name, String format, String server, Instant now) throws IOException {
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
        SavedAnswers.Format fmt = format == null ? null : SavedAnswers.Format.valueOf(format.toUpperCase(Locale.ROOT));
        return SavedAnswers.read(bytes, fmt, server, fetched);
    }

    private static byte[] readCapped(InputStream in) throws IOException {
        byte[] b = in.readNBytes((int) MAX_FILE + 1);
        if (b.length > MAX_FILE) throw new IOException("larger than " + (MAX_FILE >> 20) + " MB");
        return b;
    }
}
