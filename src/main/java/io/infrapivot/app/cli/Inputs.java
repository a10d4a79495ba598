package io.infrapivot.app.cli;

import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.ParseResult;
import io.infrapivot.model.ParsedIndicator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The one reader of user input for every command: arguments, then the lines of {@code -f FILE} ({@code -} for
 * standard input), or standard input when neither is given and it is not a terminal. The input is streamed
 * (memory does not grow with its size): each line is at most {@link #MAX_LINE_BYTES} bytes, a longer one is
 * reported with its line number and skipped; a line that is not valid UTF-8 is reported and skipped, never
 * the whole input; blank lines and {@code #} comments are ignored. Bad lines are reported on standard error
 * ("FILE:LINE: reason; skipped", the first {@link #MAX_REPORTED}, then a count) and counted, so that a
 * command can end with exit 2 after processing every good line.
 */
final class Inputs {
    /** The longest line read (bytes, without the line end); longer lines are skipped. */
    static final int MAX_LINE_BYTES = 8192;
    /** Bad lines reported one by one; after these, only their number is said at the end. */
    static final int MAX_REPORTED = 100;

    private Inputs() {}

    /** One text to parse: from an argument ({@code line} 0) or a line of the input. */
    record Text(String text, String where, long line) {
        boolean fromArgument() {
            return line == 0;
        }

        String position() {
            return fromArgument() ? "argument '" + text + "'" : where + ":" + line;
        }
    }

    /**
     * Opens the input of a command: arguments, then the file, or standard input when there are neither (an
     * argument {@code -} stands for standard input too).
     */
    static Reader open(List<String> args, String file, Terminal terminal) {
        List<String> a = args == null ? List.of() : args;
        if (a.contains("-")) { // `lookup -`: standard input, as -f -
            if (file != null && !file.equals("-")) {
                throw new CliException(ExitCodes.BAD_INPUT, "give either '-' (standard input) or -f FILE, not both");
            }
            a = a.stream().filter(x -> !x.equals("-")).toList();
            file = "-";
        }
        InputStream in = null;
        String where = null;
        if (file != null) {
            if (file.equals("-")) {
                in = System.in;
                where = "stdin";
            } else {
                try {
                    Path p = Path.of(file);
                    if (Files.isDirectory(p)) throw new CliException(ExitCodes.BAD_INPUT, "cannot read " + file + ": a directory");
                    if (LocalDevices.isDevice(p)) { // /dev/zero would be read for ever
                        throw new CliException(ExitCodes.BAD_INPUT, "cannot read " + file + ": a device, not a file");
                    }
                    in = Files.newInputStream(p);
                } catch (NoSuchFileException e) {
                    throw new CliException(ExitCodes.BAD_INPUT, "cannot read " + file + ": no such file");
                } catch (IOException | java.nio.file.InvalidPathException e) {
                    throw new CliException(ExitCodes.BAD_INPUT, "cannot read " + file + ": "
                            + io.infrapivot.engine.data.FailureReason.of(e));
                }
                where = file;
            }
        } else if (a.isEmpty() && !stdinIsTerminal()) {
            in = System.in;
            where = "stdin";
        }
        return new Reader(a, in == null ? null : new LineReader(in, MAX_LINE_BYTES), where, terminal);
    }

    /** Whether standard input is a terminal (then it is not read without {@code -f -}). */
    static boolean stdinIsTerminal() {
        try {
            String target = Path.of("/proc/self/fd/0").toRealPath().toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | RuntimeException e) {
            return System.console() != null;
        }
    }

    /** The texts of a command's input, streamed; reports and counts bad lines. Close it (closes the file). */
    static final class Reader implements Iterator<Text>, AutoCloseable {
        private final Iterator<String> args;
        private final LineReader lines;
        private final String where;
        private final Terminal terminal;
        private long argIndex;
        private Text next;
        private long bad;
        private long given;

        Reader(List<String> args, LineReader lines, String where, Terminal terminal) {
            this.args = args.iterator();
            this.lines = lines;
            this.where = where;
            this.terminal = terminal;
        }

        @Override
        public boolean hasNext() {
            if (next != null) return true;
            while (args.hasNext()) {
                argIndex++;
                String t = args.next().strip();
                if (t.isEmpty()) continue;
                next = new Text(t, null, 0);
                given++;
                return true;
            }
            if (lines == null) return false;
            try {
                LineReader.Line l;
                while ((l = lines.next()) != null) {
                    switch (l.problem()) {
                        case TOO_LONG -> bad(new Text("", where, l.number()), "line longer than " + MAX_LINE_BYTES
                                + " bytes");
                        case NOT_UTF8 -> bad(new Text("", where, l.number()), "not valid UTF-8");
                        case NONE -> {
                            String t = l.text().strip();
                            if (t.isEmpty() || t.startsWith("#")) continue;
                            next = new Text(t, where, l.number());
                            given++;
                            return true;
                        }
                    }
                }
            } catch (IOException e) {
                throw new CliException(ExitCodes.BAD_INPUT, "cannot read " + where + ": " + e.getMessage());
            }
            return false;
        }

        @Override
        public Text next() {
            if (!hasNext()) throw new NoSuchElementException();
            Text t = next;
            next = null;
            return t;
        }

        /** Reports a bad line ({@code FILE:LINE: reason; skipped}) and counts it. */
        void bad(Text at, String reason) {
            bad++;
            if (bad <= MAX_REPORTED) {
                terminal.error(at.where() + ":" + at.line() + ": " + reason + "; skipped");
            } else if (bad == MAX_REPORTED + 1) {
                terminal.error("more bad lines; only their number is given at the end");
            }
        }

        /** Lines reported bad and skipped. */
        long badLines() {
            return bad;
        }

        /** Texts handed out (arguments and good lines). */
        long given() {
            return given;
        }

        /** Says how many lines were skipped (when any). */
        void summarise() {
            if (bad > 0) terminal.error(bad + " bad input line" + (bad == 1 ? "" : "s") + " skipped ("
                    + where + ")");
        }

        /** The exit code after the good lines were processed: 2 when some line was bad, unless worse. */
        int exit(int exit) {
            if (bad == 0) return exit;
            return exit == ExitCodes.OK || exit == ExitCodes.PARTIAL ? ExitCodes.BAD_INPUT : exit;
        }

        @Override
        public void close() {
            if (lines != null && lines.in != System.in) {
                try {
                    lines.in.close();
                } catch (IOException e) {
                    terminal.warn("cannot close " + where + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * Parsed indicators from a reader: an argument that is not an indicator (or is ambiguous) stops the command
     * as before (exit 2, or 3 with the candidates); a line of the input is reported with its number and
     * skipped. Stops after {@code max} indicators with exit 2 when there are more.
     */
    static Iterator<ParsedIndicator> indicators(Reader reader, IndicatorParser parser, IndicatorType forced) {
        return new Iterator<>() {
            private ParsedIndicator next;

            @Override
            public boolean hasNext() {
                while (next == null && reader.hasNext()) {
                    Text t = reader.next();
                    ParseResult r = forced == null ? parser.parse(t.text()) : parser.parseAs(forced, t.text());
                    if (t.fromArgument() || r instanceof ParseResult.Parsed) {
                        next = require(r);
                    } else {
                        reader.bad(t, problem(r));
                    }
                }
                return next != null;
            }

            @Override
            public ParsedIndicator next() {
                if (!hasNext()) throw new NoSuchElementException();
                ParsedIndicator p = next;
                next = null;
                return p;
            }
        };
    }

    /** Up to {@code max} parsed indicators (all of them: more is exit 2), for commands that need them at once. */
    static List<ParsedIndicator> all(Reader reader, IndicatorParser parser, IndicatorType forced, int max) {
        List<ParsedIndicator> out = new ArrayList<>();
        Iterator<ParsedIndicator> it = indicators(reader, parser, forced);
        while (it.hasNext()) {
            if (out.size() == max) throw new CliException(ExitCodes.BAD_INPUT, "more than " + max
                    + " indicators given; give at most " + max);
            out.add(it.next());
        }
        if (out.isEmpty()) throw new CliException(ExitCodes.BAD_INPUT, "no indicator given");
        return out;
    }

    /** Why a parse result is not one indicator, in words (without the input itself). */
    static String problem(ParseResult r) {
        return switch (r) {
            case ParseResult.Parsed p -> "ok";
            case ParseResult.Ambiguous a -> "ambiguous '" + a.input() + "': " + a.reason() + "; candidates: "
                    + String.join(", ", a.candidates().stream().map(c -> c.indicator().key()).toList())
                    + "; choose with --type";
            case ParseResult.Invalid i -> "cannot parse '" + i.input() + "': " + i.reason();
        };
    }

    static IndicatorType type(String forced) {
        if (forced == null) return null;
        return IndicatorType.fromId(forced).orElseThrow(() -> new CliException(ExitCodes.BAD_INPUT,
                "unknown type '" + forced + "'" + Suggest.didYouMean(forced, java.util.Arrays.stream(
                        IndicatorType.values()).map(IndicatorType::id).toList()) + "; types: " + String.join(", ",
                        java.util.Arrays.stream(IndicatorType.values()).map(IndicatorType::id).toList())));
    }

    /** The parsed indicator, or the CLI error for ambiguous (exit 3, with the candidates) and invalid (exit 2) input. */
    static ParsedIndicator require(ParseResult r) {
        return switch (r) {
            case ParseResult.Parsed p -> p.parsed();
            case ParseResult.Ambiguous a -> throw new CliException(ExitCodes.AMBIGUOUS, "ambiguous input '" + a.input()
                    + "': " + a.reason() + "; candidates: " + String.join(", ", a.candidates().stream()
                    .map(c -> c.indicator().key()).toList()) + "; choose with --type");
            case ParseResult.Invalid i -> throw new CliException(ExitCodes.BAD_INPUT,
                    "cannot parse '" + i.input() + "': " + i.reason());
        };
    }

    static List<ParseResult> parse(IndicatorParser parser, List<String> texts, IndicatorType forced) {
        List<ParseResult> out = new ArrayList<>(texts.size());
        for (String t : texts) out.add(forced == null ? parser.parse(t) : parser.parseAs(forced, t));
        return out;
    }

    /**
     * Lines of a byte stream, at most {@code max} bytes each: a longer line is read to its end without keeping
     * it and handed out as {@link Problem#TOO_LONG}; a line that is not UTF-8 as {@link Problem#NOT_UTF8}.
     * Line ends: LF, CRLF. A UTF-8 byte-order mark at the start is dropped. Memory: the buffers only.
     */
    static final class LineReader {
        enum Problem { NONE, TOO_LONG, NOT_UTF8 }

        record Line(long number, String text, Problem problem) {}

        final InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private final byte[] line;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private int pos;
        private int lim;
        private long number;
        private boolean eof;

        LineReader(InputStream in, int max) {
            this.in = in;
            this.line = new byte[max];
        }

        /** The next line, or null at the end. */
        Line next() throws IOException {
            if (eof && pos >= lim) return null;
            int len = 0;
            boolean tooLong = false;
            boolean any = false;
            while (true) {
                if (pos >= lim) {
                    int n = in.read(buf, 0, buf.length);
                    if (n < 0) {
                        eof = true;
                        if (!any) return null;
                        break;
                    }
                    pos = 0;
                    lim = n;
                    continue;
                }
                any = true;
                int start = pos;
                int nl = -1;
                for (int i = pos; i < lim; i++) {
                    if (buf[i] == '\n') {
                        nl = i;
                        break;
                    }
                }
                int end = nl < 0 ? lim : nl;
                int chunk = end - start;
                if (!tooLong) {
                    if (len + chunk > line.length) tooLong = true;
                    else {
                        System.arraycopy(buf, start, line, len, chunk);
                        len += chunk;
                    }
                }
                pos = nl < 0 ? lim : nl + 1;
                if (nl >= 0) break;
            }
            number++;
            if (tooLong) return new Line(number, null, Problem.TOO_LONG);
            if (len > 0 && line[len - 1] == '\r') len--;
            int from = number == 1 && len >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB
                    && (line[2] & 0xff) == 0xBF ? 3 : 0;
            try {
                CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(line, from, len - from));
                return new Line(number, chars.toString(), Problem.NONE);
            } catch (CharacterCodingException e) {
                return new Line(number, null, Problem.NOT_UTF8);
            }
        }
    }
}
