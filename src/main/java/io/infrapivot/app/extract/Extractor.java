package io.infrapivot.app.extract;

import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.lingala.zip4j.ZipFile;
import net.lingala.zip4j.exception.ZipException;
import net.lingala.zip4j.model.FileHeader;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.io.input.BoundedInputStream;
import org.apache.tika.exception.TikaException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads files, directories and streams of any kind the analyst meets and reports the indicators in them
 * (docs/extract.md). Plain text, HTML, JSON, CSV and logs are scanned as they stand, streamed in bounded memory;
 * documents (PDF, OOXML and legacy Office, RTF, e-mail) go through Apache Tika's parsers, their attachments back
 * through this class; archives (zip, with passwords, tar, gzip, bzip2, 7z) are opened and their entries read in turn;
 * anything else is read as a binary (ASCII and UTF-16LE strings). Every level of nesting, every decompressed byte and
 * every entry's expansion ratio is bounded: a bomb is reported as a {@link Problem}, never followed.
 * One extractor per run, called from one thread; a large plain file named by path is scanned on every core
 * ({@link ParallelText}), its hits still given to the sink in order on the calling thread.
 */
public final class Extractor {
    private static final System.Logger LOG = System.getLogger("io.infrapivot.extract");
    private static final int HEAD = 8192;
    /** An entry is judged by its ratio once it has produced this much. */
    private static final long RATIO_FLOOR = 1 << 20;
    private static final int HEADER_MAX = 256 * 1024;
    private static final Pattern META_NAME = Pattern.compile("(?i)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern MAIL_HEADER = Pattern.compile("(?m)^(?:From|Subject|Date|Message-I[Dd]|Received|To|MIME-Version):");
    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4",
            "h5", "h6", "title", "table", "pre", "blockquote", "a", "meta", "body", "head", "span", "section");
    private static final Set<String> LINK_ATTRIBUTES = Set.of("href", "src", "action", "cite", "data", "content",
            "value", "background", "poster", "srcset");

    /** The limits and switches of one run. */
    public record Options(boolean strict, List<String> passwords, int maxDepth, long maxBytes, int maxRatio,
                          Allowlist allowlist) {
        /** Passwords always tried on encrypted archives, after the user's: how samples are shared. */
        public static final List<String> DEFAULT_PASSWORDS = List.of("infected", "malware");

        public Options {
            List<String> p = new ArrayList<>(passwords == null ? List.of() : passwords);
            for (String d : DEFAULT_PASSWORDS) if (!p.contains(d)) p.add(d);
            passwords = List.copyOf(p);
        }

        public static Options defaults() {
            return new Options(true, List.of(), 10, 4L << 30, 200, Allowlist.bundled());
        }
    }

    private final Options options;
    private final Sink sink;
    private final IndicatorScanner scanner;
    private final IndicatorParser parser;
    private long budget;
    private AutoDetectParser tika;

    /** {@code parser} must be one that never reads local files (text in a file must not name a file to hash). */
    public Extractor(IndicatorParser parser, Options options, Sink sink) {
        this.options = options;
        this.sink = sink;
        this.parser = parser;
        this.scanner = new IndicatorScanner(parser, options.strict(), options.allowlist());
        this.budget = options.maxBytes();
    }

    /** One file, reported under {@code name}. */
    public void file(Path p, String name) throws IOException {
        Origin o = new Origin(name, "", 0);
        try (InputStream in = Files.newInputStream(p)) {
            guarded(in, p, o, p.getFileName() == null ? name : p.getFileName().toString());
        }
    }

    /** A stream (standard input), reported under {@code name}. */
    public void stream(InputStream in, String name) throws IOException {
        guarded(in, null, new Origin(name, "", 0), name);
    }

    private void guarded(InputStream in, Path file, Origin o, String name) throws IOException {
        try {
            dispatch(in, file, o, name);
        } catch (LimitExceeded e) {
            problem(e.kind, o, e.getMessage());
        }
    }

    // ---- what a stream is ----

    enum Kind { TEXT, BINARY, ZIP, GZIP, BZIP2, TAR, SEVENZ, DOCUMENT, EMAIL }

    static Kind sniff(byte[] h, int n) {
        if (n >= 4 && h[0] == 'P' && h[1] == 'K' && (h[2] == 3 || h[2] == 5 || h[2] == 7)) return Kind.ZIP;
        if (n >= 2 && (h[0] & 0xff) == 0x1f && (h[1] & 0xff) == 0x8b) return Kind.GZIP;
        if (n >= 3 && h[0] == 'B' && h[1] == 'Z' && h[2] == 'h') return Kind.BZIP2;
        if (n >= 6 && h[0] == '7' && h[1] == 'z' && (h[2] & 0xff) == 0xbc && (h[3] & 0xff) == 0xaf) return Kind.SEVENZ;
        if (n >= 262 && new String(h, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar")) return Kind.TAR;
        String start = new String(h, 0, Math.min(n, 1024), StandardCharsets.ISO_8859_1);
        if (start.contains("%PDF-")) return Kind.DOCUMENT;
        if (n >= 8 && (h[0] & 0xff) == 0xd0 && (h[1] & 0xff) == 0xcf && (h[2] & 0xff) == 0x11 && (h[3] & 0xff) == 0xe0) {
            return Kind.DOCUMENT;
        }
        if (start.startsWith("{\\rtf")) return Kind.DOCUMENT;
        if (looksLikeMail(new String(h, 0, n, StandardCharsets.ISO_8859_1))) return Kind.EMAIL;
        boolean bom16 = n >= 2 && ((h[0] & 0xff) == 0xff && (h[1] & 0xff) == 0xfe || (h[0] & 0xff) == 0xfe && (h[1] & 0xff) == 0xff);
        if (bom16) return Kind.TEXT;
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = h[i] & 0xff;
            if (b == 0) return Kind.BINARY;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1b) control++;
        }
        return control * 10 > n ? Kind.BINARY : Kind.TEXT;
    }

    /** RFC 5322 headers: the first line a header field, and From plus another usual field among the first ones. */
    static boolean looksLikeMail(String head) {
        if (!head.matches("(?s)^(?:From [^\\n]*\\n)?[A-Za-z][A-Za-z0-9-]{0,76}:[^\\n]*\\n.*")) return false;
        Matcher m = MAIL_HEADER.matcher(head);
        Set<String> seen = new HashSet<>();
        while (m.find()) seen.add(m.group().toLowerCase(Locale.ROOT));
        return seen.contains("from:") && seen.size() >= 3;
    }

    private void dispatch(InputStream raw, Path file, Origin o, String name) throws IOException {
        if (o.depth() > options.maxDepth()) {
            problem(Problem.Kind.DEPTH, o, "nested deeper than " + options.maxDepth() + " levels; not read");
            return;
        }
        BufferedInputStream in = raw instanceof BufferedInputStream b ? b : new BufferedInputStream(raw, 1 << 16);
        in.mark(HEAD);
        byte[] head = in.readNBytes(HEAD);
        in.reset();
        Kind kind = sniff(head, head.length);
        switch (kind) {
            case TEXT -> text(in, file, o);
            case BINARY -> strings(in, o);
            case GZIP -> compressed(in, o, name, true);
            case BZIP2 -> compressed(in, o, name, false);
            case TAR -> tar(in, o);
            case ZIP -> withFile(in, file, o, f -> zip(f, o, name));
            case SEVENZ -> withFile(in, file, o, f -> sevenZ(f, o));
            case DOCUMENT -> document(in, o, name);
            case EMAIL -> mail(in, o, name);
        }
    }

    // ---- text and binaries ----

    /** A stream of plain text straight into the sink (which may keep first hits only: then later ones are not built). */
    private TextStream stream(Origin o) {
        return new TextStream(scanner, o, sink::hit).firstHitsOnly(sink.firstHitsOnly());
    }

    /** UTF-8 (a byte that is not valid UTF-8 is read as Latin-1, so a log in another charset still reads), or UTF-16. */
    private void text(InputStream in, Path file, Origin o) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0xff && b1 == 0xfe || b0 == 0xfe && b1 == 0xff) {
            utf16(in, o, b0 == 0xff);
            return;
        }
        int workers = Math.min(4, Runtime.getRuntime().availableProcessors());
        if (file != null && workers > 1 && Files.isRegularFile(file)) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = ch.size();
                if (size >= 4L * ParallelText.SEGMENT) {
                    // a plain file of some size: in segments on every core, hits in file order (ParallelText)
                    // (a scanner per worker, one parse cache for all; the reported values' budget shared out)
                    Map<String, Object>[] parsed = IndicatorScanner.sharedParseCache();
                    new ParallelText(ch, size, ParallelText.SEGMENT, ParallelText.LONGEST).scan(workers,
                            () -> new IndicatorScanner(parser, options.strict(), options.allowlist(),
                                    IndicatorScanner.CACHE / workers, parsed), o, sink.firstHitsOnly(), sink::hit);
                    return;
                }
            }
        }
        try (TextStream ts = stream(o)) {
            Utf8 decoder = new Utf8(ts);
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) decoder.feed(buf, n);
            decoder.end();
        }
    }

    private void utf16(InputStream in, Origin o, boolean little) throws IOException {
        in.skip(2);
        try (TextStream ts = stream(o);
             Reader r = new InputStreamReader(in, little ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE)) {
            char[] buf = new char[1 << 15];
            long offset = 2;
            int n;
            while ((n = r.read(buf)) > 0) {
                ts.append(buf, 0, n, offset, 2);
                offset += 2L * n;
            }
        }
    }

    /** A streaming UTF-8 decoder that knows each character's byte offset. */
    static final class Utf8 {
        private final TextStream out;
        private final byte[] pending = new byte[4];
        private int pendingLen;
        private long offset;

        Utf8(TextStream out) {
            this(out, 0);
        }

        /** A decoder whose first byte stood at {@code offset}. */
        Utf8(TextStream out, long offset) {
            this.out = out;
            this.offset = offset;
        }

        void feed(byte[] b, int n) {
            int i = 0;
            while (i < n) {
                if (pendingLen > 0) {
                    pending[pendingLen++] = b[i++];
                    int need = length(pending[0]);
                    if (pendingLen < need && (pending[pendingLen - 1] & 0xc0) == 0x80) continue;
                    decode(pending, 0, pendingLen, true);
                    pendingLen = 0;
                    continue;
                }
                int c = b[i] & 0xff;
                if (c < 0x80) {
                    int j = i;
                    while (j < n && b[j] >= 0) j++;
                    out.appendAscii(b, i, j - i, offset);
                    offset += j - i;
                    i = j;
                    continue;
                }
                int need = length(b[i]);
                if (need > 1 && i + need > n) {
                    for (int k = i; k < n; k++) pending[pendingLen++] = b[k];
                    return;
                }
                i += decode(b, i, Math.min(n, i + need), false);
            }
        }

        void end() {
            for (int k = 0; k < pendingLen; k++) out.append((char) (pending[k] & 0xff), offset++);
            pendingLen = 0;
        }

        private static int length(byte lead) {
            int c = lead & 0xff;
            if (c >= 0xc2 && c <= 0xdf) return 2;
            if (c >= 0xe0 && c <= 0xef) return 3;
            if (c >= 0xf0 && c <= 0xf4) return 4;
            return 1;
        }

        /** Decodes one sequence at b[s]; returns the bytes used (an invalid lead byte is one Latin-1 character). */
        private int decode(byte[] b, int s, int e, boolean fromPending) {
            int need = length(b[s]);
            int cp = need == 2 ? b[s] & 0x1f : need == 3 ? b[s] & 0x0f : b[s] & 0x07;
            boolean ok = need > 1 && e - s >= need;
            for (int k = 1; ok && k < need; k++) {
                if ((b[s + k] & 0xc0) != 0x80) ok = false;
                else cp = cp << 6 | b[s + k] & 0x3f;
            }
            if (ok && (need == 3 && (cp < 0x800 || cp >= 0xd800 && cp <= 0xdfff) || need == 4 && (cp < 0x10000 || cp > 0x10ffff))) {
                ok = false;
            }
            if (!ok) {
                out.append((char) (b[s] & 0xff), offset++);
                if (fromPending) {
                    for (int k = s + 1; k < e; k++) out.append((char) (b[k] & 0xff), offset++);
                    return e - s;
                }
                return 1;
            }
            if (cp >= 0x10000) {
                out.append(Character.highSurrogate(cp), offset);
                out.append(Character.lowSurrogate(cp), offset);
            } else {
                out.append((char) cp, offset);
            }
            offset += need;
            return need;
        }
    }

    /** ASCII strings and UTF-16LE strings (at even and odd offsets) of at least four characters. */
    private void strings(InputStream in, Origin o) throws IOException {
        try (TextStream ascii = stream(o); TextStream even = stream(o); TextStream odd = stream(o)) {
            Run a = new Run(ascii);
            Run[] wide = {new Run(even), new Run(odd)};
            byte[] buf = new byte[1 << 16];
            long pos = 0;
            int prev = -1;
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++, pos++) {
                    int c = buf[i] & 0xff;
                    if (printable(c)) a.add((char) c, pos);
                    else a.end(pos);
                    if (prev >= 0) {
                        Run w = wide[(int) ((pos - 1) & 1)];
                        if (c == 0 && printable(prev)) w.add((char) prev, pos - 1);
                        else w.end(pos - 1);
                    }
                    prev = c;
                }
            }
            a.end(pos);
            wide[0].end(pos);
            wide[1].end(pos);
        }
    }

    private static boolean printable(int c) {
        return c >= 0x20 && c < 0x7f || c == '\t';
    }

    /** One run of string characters: shown to the scanner once four long, then each character as it comes. */
    private static final class Run {
        private static final int MIN = 4;
        private final TextStream out;
        private final char[] first = new char[MIN];
        private final long[] at = new long[MIN];
        private int len;
        private long last;

        Run(TextStream out) {
            this.out = out;
        }

        void add(char c, long offset) {
            if (len < MIN) {
                first[len] = c;
                at[len] = offset;
                if (++len == MIN) for (int k = 0; k < MIN; k++) out.append(first[k], at[k]);
            } else {
                out.append(c, offset);
                len++;
            }
            last = offset;
        }

        void end(long offset) {
            if (len >= MIN) out.append('\n', last + 1);
            len = 0;
        }
    }

    // ---- compressed streams and archives ----

    private void compressed(InputStream in, Origin o, String name, boolean gzip) throws IOException {
        Counting counted = new Counting(in);
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        String inner = name.replaceFirst("(?i)\\.(t?gz|gzip|bz2|tbz2?)$", "");
        if (inner.equals(name)) inner = name + (gzip ? " (gunzipped)" : " (bunzipped)");
        if (name.toLowerCase(Locale.ROOT).matches(".*\\.(tgz|tbz2?)$")) inner = inner + ".tar";
        Origin child = o.child(inner);
        try (InputStream z = gzip ? GzipCompressorInputStream.builder().setInputStream(counted)
                .setDecompressConcatenated(true).get() : new BZip2CompressorInputStream(counted, true)) {
            entry(z, counted::count, child, inner);
        }
    }

    /** One entry of a container, read under the limits; a bomb or a bad entry is reported and the next one read. */
    private void entry(InputStream in, LongSupplier compressed, Origin o, String name) throws IOException {
        try {
            dispatch(new Limited(in, compressed, o), null, o, name);
        } catch (LimitExceeded e) {
            if (e.kind == Problem.Kind.BUDGET) throw e;
            problem(e.kind, o, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read " + o.where(), e);
            problem(Problem.Kind.UNREADABLE, o, "cannot read: " + describe(e));
        }
    }

    private void tar(InputStream in, Origin o) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            if (!e.isFile()) continue;
            InputStream body = BoundedInputStream.builder().setInputStream(tar).setPropagateClose(false).get();
            entry(body, () -> -1, o.child(e.getName()), e.getName());
        }
    }

    private interface FileAction {
        void run(Path file) throws IOException;
    }

    /** Archives that need random access: the file itself, or the stream copied to a temporary file. */
    private void withFile(InputStream in, Path file, Origin o, FileAction action) throws IOException {
        if (file != null) {
            action.run(file);
            return;
        }
        Path tmp = Files.createTempFile("infrapivot-extract", ".bin");
        try {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            action.run(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void zip(Path f, Origin o, String name) throws IOException {
        List<FileHeader> headers;
        try (ZipFile z = new ZipFile(f.toFile())) {
            headers = z.getFileHeaders();
            if (headers.stream().anyMatch(h -> h.getFileName().equals("[Content_Types].xml"))
                    || headers.stream().anyMatch(h -> h.getFileName().equals("mimetype"))
                    && headers.stream().anyMatch(h -> h.getFileName().equals("content.xml"))) {
                try (InputStream in = Files.newInputStream(f)) {
                    document(new BufferedInputStream(in), o, name); // OOXML or ODF: a document, not an archive
                }
                return;
            }
            for (FileHeader h : headers) {
                if (h.isDirectory()) continue;
                Origin child = o.child(h.getFileName());
                long packed = Math.max(1, h.getCompressedSize());
                if (h.getUncompressedSize() > RATIO_FLOOR && h.getUncompressedSize() / packed > options.maxRatio()) {
                    problem(Problem.Kind.BOMB, child, "declares " + h.getUncompressedSize() + " bytes from " + packed
                            + " (ratio over " + options.maxRatio() + "); not followed");
                    continue;
                }
                InputStream in = open(z, h, child);
                if (in == null) continue;
                try (in) {
                    entry(in, () -> packed, child, h.getFileName());
                }
            }
        } catch (ZipException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read zip " + o.where(), e);
            problem(Problem.Kind.UNREADABLE, o, "cannot read as zip: " + describe(e));
        }
    }

    /** The entry's stream: as it is, or decrypted with the first password that opens it (null: none did). */
    private InputStream open(ZipFile z, FileHeader h, Origin o) throws IOException {
        if (!h.isEncrypted()) return z.getInputStream(h);
        for (String p : options.passwords()) {
            z.setPassword(p.toCharArray());
            try {
                InputStream in = new BufferedInputStream(z.getInputStream(h));
                in.mark(1);
                in.read();
                in.reset();
                return in;
            } catch (ZipException e) {
                if (e.getType() != ZipException.Type.WRONG_PASSWORD) throw e;
            }
        }
        problem(Problem.Kind.PASSWORD, o, "encrypted; none of " + options.passwords().size()
                + " passwords opened it (give one with --password)");
        return null;
    }

    private void sevenZ(Path f, Origin o) throws IOException {
        List<String> tries = new ArrayList<>();
        tries.add(null);
        tries.addAll(options.passwords());
        long size = Math.max(1, Files.size(f));
        for (String p : tries) {
            try (SevenZFile z = SevenZFile.builder().setPath(f).setPassword(p == null ? null : p.toCharArray()).get()) {
                SevenZArchiveEntry e;
                while ((e = z.getNextEntry()) != null) {
                    if (e.isDirectory() || !e.hasStream()) continue;
                    entry(z.getInputStream(e), () -> size, o.child(e.getName()), e.getName());
                }
                return;
            } catch (org.apache.commons.compress.PasswordRequiredException e) {
                LOG.log(System.Logger.Level.DEBUG, "7z needs a password: " + o.where());
            } catch (IOException e) {
                if (p == null && !describe(e).toLowerCase(Locale.ROOT).contains("password")) {
                    LOG.log(System.Logger.Level.WARNING, "cannot read 7z " + o.where(), e);
                    problem(Problem.Kind.UNREADABLE, o, "cannot read as 7z: " + describe(e));
                    return;
                }
            }
        }
        problem(Problem.Kind.PASSWORD, o, "encrypted 7z; none of " + options.passwords().size()
                + " passwords opened it (give one with --password)");
    }

    // ---- documents (Tika) ----

    private synchronized AutoDetectParser tika() {
        if (tika == null) {
            tika = new AutoDetectParser();
            allAlternatives(tika);
        }
        return tika;
    }

    /** A message's plain-text and HTML alternatives are both read (Tika reads only the preferred one by default). */
    private static void allAlternatives(Parser p) {
        if (p instanceof org.apache.tika.parser.mail.RFC822Parser mail) mail.setExtractAllAlternatives(true);
        if (p instanceof org.apache.tika.parser.CompositeParser c) c.getAllComponentParsers().forEach(Extractor::allAlternatives);
    }

    /** An e-mail: its header block scanned as it stands (byte offsets), then Tika for bodies and attachments. */
    private void mail(BufferedInputStream in, Origin o, String name) throws IOException {
        in.mark(HEADER_MAX + 4);
        byte[] head = in.readNBytes(HEADER_MAX);
        in.reset();
        String h = new String(head, StandardCharsets.ISO_8859_1);
        int end = h.indexOf("\r\n\r\n");
        int lf = h.indexOf("\n\n");
        if (end < 0 || lf >= 0 && lf < end) end = lf;
        if (end < 0) end = head.length;
        try (TextStream ts = stream(o)) {
            Utf8 decoder = new Utf8(ts);
            decoder.feed(head, end);
            decoder.end();
        }
        document(in, o, name, true);
    }

    private void document(InputStream in, Origin o, String name) throws IOException {
        document(in, o, name, false);
    }

    /**
     * A document through Tika: its text and link targets scanned, its embedded documents back through
     * {@link #dispatch}. Strict: hosts named in the document's own metadata (producer, schema) are left out.
     */
    private void document(InputStream in, Origin o, String name, boolean headersDone) throws IOException {
        Metadata md = new Metadata();
        md.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        ParseContext ctx = new ParseContext();
        ctx.set(Parser.class, tika());
        ctx.set(EmbeddedDocumentExtractor.class, new Embedded(o));
        List<Hit> held = new ArrayList<>();
        int[] dropped = {0};
        java.util.function.Consumer<Hit> hold = h -> {
            if (held.size() < 200_000) held.add(h);
            else sink.hit(h);
        };
        TextStream ts = new TextStream(scanner, o, hold);
        try (TikaInputStream tis = TikaInputStream.get(new NonClosing(in))) {
            tika().parse(tis, new Handler(ts), md, ctx);
        } catch (TikaException | SAXException | IOException | RuntimeException | LinkageError e) {
            // LinkageError: a parser reaching for a library left out of the jar (Bouncy Castle for public-key PDFs)
            LimitExceeded limit = cause(e);
            if (limit != null) throw limit;
            LOG.log(System.Logger.Level.WARNING, "cannot parse " + o.where(), e);
            problem(Problem.Kind.UNREADABLE, o, "cannot parse as a document: " + describe(e));
        } finally {
            ts.close();
        }
        String type = String.valueOf(md.get(Metadata.CONTENT_TYPE));
        boolean message = type.startsWith("message/") || type.contains("outlook");
        Set<String> metaHosts = new HashSet<>();
        if (message && !headersDone || !options.strict()) {
            // a message's header fields (Outlook's) and, in loose mode, every document's metadata are text too
            try (TextStream meta = new TextStream(scanner, o.child("#metadata"), hold)) {
                long pos = 0;
                for (String key : md.names()) {
                    for (String v : md.getValues(key)) {
                        meta.append(key + ": " + v + "\n", pos, 1);
                        pos += key.length() + v.length() + 3;
                    }
                }
            }
        } else if (!message) {
            for (String key : md.names()) {
                for (String v : md.getValues(key)) {
                    Matcher m = META_NAME.matcher(v);
                    while (m.find()) metaHosts.add(m.group().toLowerCase(Locale.ROOT));
                }
            }
        }
        for (Hit h : held) {
            if (metaHosts.isEmpty() || !metaHost(h, metaHosts)) sink.hit(h);
            else dropped[0]++;
        }
        if (dropped[0] > 0) LOG.log(System.Logger.Level.DEBUG, dropped[0] + " hits on metadata hosts left out in " + o.where());
    }

    private static boolean metaHost(Hit h, Set<String> hosts) {
        return switch (h.type()) {
            case DOMAIN, HOST -> hosts.contains(h.value());
            case URL -> {
                String v = h.value();
                int s = v.indexOf("://") + 3;
                int e = s;
                while (e < v.length() && v.charAt(e) != '/' && v.charAt(e) != ':' && v.charAt(e) != '?') e++;
                yield hosts.contains(v.substring(s, e));
            }
            default -> false;
        };
    }

    private static LimitExceeded cause(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) if (c instanceof LimitExceeded l) return l;
        return null;
    }

    /** Embedded documents and attachments go back through the extractor, one level deeper. */
    private final class Embedded implements EmbeddedDocumentExtractor {
        private final Origin parent;
        private int unnamed;

        Embedded(Origin parent) {
            this.parent = parent;
        }

        @Override
        public boolean shouldParseEmbedded(Metadata metadata) {
            return true;
        }

        @Override
        public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
                throws IOException {
            String name = metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY);
            if (name == null || name.isBlank()) name = metadata.get(TikaCoreProperties.EMBEDDED_RELATIONSHIP_ID);
            if (name == null || name.isBlank()) name = "embedded-" + ++unnamed;
            Origin child = parent.child(name);
            try {
                dispatch(stream, null, child, name);
            } catch (LimitExceeded e) {
                if (e.kind == Problem.Kind.BUDGET) throw e;
                problem(e.kind, child, e.getMessage());
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot read " + child.where(), e);
                problem(Problem.Kind.UNREADABLE, child, "cannot read: " + describe(e));
            }
        }
    }

    /** Tika's XHTML events as text: characters, link targets and other attribute values, a line end per block. */
    private static final class Handler extends DefaultHandler {
        private final TextStream out;
        private long pos;

        Handler(TextStream out) {
            this.out = out;
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            out.append(ch, start, length, pos, 1);
            pos += length;
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) {
            characters(ch, start, length);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) {
            if (BLOCKS.contains(localName)) newline();
            if (localName.equals("meta")) return; // the document's metadata: read separately (strict: left out)
            for (int i = 0; i < atts.getLength(); i++) {
                if (LINK_ATTRIBUTES.contains(atts.getLocalName(i).toLowerCase(Locale.ROOT))) {
                    String v = atts.getValue(i);
                    out.append(' ', pos++);
                    out.append(v, pos, 1);
                    pos += v.length();
                    out.append(' ', pos++);
                }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (BLOCKS.contains(localName)) newline();
        }

        private void newline() {
            out.append('\n', pos++);
        }
    }

    // ---- limits ----

    /** A limit reached while reading: the run's byte budget, or an entry's expansion ratio. */
    static final class LimitExceeded extends IOException {
        final Problem.Kind kind;

        LimitExceeded(Problem.Kind kind, String message) {
            super(message);
            this.kind = kind;
        }
    }

    /** Counts decompressed bytes against the run's budget and the entry's ratio to its packed size. */
    private final class Limited extends FilterInputStream {
        private final LongSupplier packed;
        private long read;

        Limited(InputStream in, LongSupplier packed, Origin o) {
            super(in);
            this.packed = packed;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) count(1);
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count(n);
            return n;
        }

        private void count(int n) throws LimitExceeded {
            read += n;
            budget -= n;
            if (budget < 0) {
                throw new LimitExceeded(Problem.Kind.BUDGET, "the run read " + options.maxBytes()
                        + " decompressed bytes (--max-bytes); the rest was not read");
            }
            long p = packed.getAsLong();
            if (p >= 0 && read > RATIO_FLOOR && read > options.maxRatio() * Math.max(1, p)) {
                throw new LimitExceeded(Problem.Kind.BOMB, "expands past " + read + " bytes from " + p
                        + " (ratio over " + options.maxRatio() + "): a decompression bomb; not followed");
            }
        }
    }

    /** Counts the bytes read from a compressed stream. */
    private static final class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) count++;
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }
    }

    /** Keeps Tika from closing a stream that belongs to a container. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the container closes it
        }
    }

    private void problem(Problem.Kind kind, Origin o, String message) {
        sink.problem(new Problem(kind, o.file(), o.path(), message));
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + io.infrapivot.model.Safe.truncate(
                io.infrapivot.model.Safe.oneLine(m), 160));
    }

    /** The types this extractor reports (for help texts). */
    static List<IndicatorType> types() {
        return List.of(IndicatorType.IP, IndicatorType.CIDR, IndicatorType.DOMAIN, IndicatorType.HOST, IndicatorType.URL,
                IndicatorType.EMAIL, IndicatorType.ASN, IndicatorType.HASH, IndicatorType.CERT, IndicatorType.ANALYTICS_ID);
    }
}
