package io.infrapivot.app.extract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Text of any length scanned in bounded memory: characters are appended with the offset each stood at in its source;
 * every {@link #WINDOW} characters the window is scanned, and a tail cut at a line or word boundary is carried over to
 * the next window, so an indicator across the boundary is found once and whole. Memory is one window, whatever the
 * length of the text.
 */
final class TextStream implements AutoCloseable {
    static final int WINDOW = 1 << 18;
    static final int OVERLAP = 4096;
    private static final int CONTEXT = 40;

    private final IndicatorScanner scanner;
    private final Origin origin;
    private final Consumer<Hit> sink;
    /** The window's characters {@code buf[0, len)}, and the source offset of each. */
    private char[] buf;
    private int len;
    private long[] src;
    private final List<Candidate> found = new ArrayList<>();
    /** Only hits whose source offset is in [reportFrom, reportTo) are reported (a segment of a file, ParallelText). */
    private long reportFrom = Long.MIN_VALUE;
    private long reportTo = Long.MAX_VALUE;
    private boolean firstOnly;

    TextStream(IndicatorScanner scanner, Origin origin, Consumer<Hit> sink) {
        this(scanner, origin, sink, WINDOW + OVERLAP);
    }

    /** A stream for text of about {@code expected} characters (a smaller first buffer; it grows to a window). */
    TextStream(IndicatorScanner scanner, Origin origin, Consumer<Hit> sink, int expected) {
        int capacity = Math.max(16, Math.min(WINDOW + OVERLAP, expected));
        // the buffers of the scanner's last closed stream, when they are large enough (a segment after another)
        Spare spare = scanner.takeSpare(capacity);
        this.buf = spare != null ? spare.chars() : new char[capacity];
        this.src = spare != null ? spare.offsets() : new long[capacity];
        this.scanner = scanner;
        this.origin = origin;
        this.sink = sink;
    }

    /**
     * Leaves out the hits of a value this stream's scanner has already reported in such a stream: for a sink that
     * keeps first hits only, fed in order ({@link Sink#firstHitsOnly}). Saves building each later hit.
     */
    TextStream firstHitsOnly(boolean on) {
        firstOnly = on;
        return this;
    }

    /** Reports only the hits that start at source offsets in [from, to): the rest is context for them. */
    void reportOnly(long from, long to) {
        reportFrom = from;
        reportTo = to;
    }

    void append(char c, long offset) {
        int i = len;
        if (i == src.length) grow(i + 1);
        buf[i] = c;
        src[i] = offset;
        len = i + 1;
        if (len >= WINDOW) flush(false);
    }

    private void grow(int min) {
        int n = Math.max(min, src.length * 2);
        src = Arrays.copyOf(src, n);
        buf = Arrays.copyOf(buf, n);
    }

    /** ASCII bytes {@code b[off, off+len)} standing at consecutive byte offsets from {@code offset}. */
    void appendAscii(byte[] b, int off, int len, long offset) {
        int k = 0;
        while (k < len) {
            int i = this.len;
            int n = Math.max(0, Math.min(len - k, WINDOW - i));
            if (i + n > src.length) grow(i + n);
            char[] chars = buf;
            long[] at = src;
            int from = off + k;
            for (int j = 0; j < n; j++) chars[i + j] = (char) (b[from + j] & 0x7f);
            long o = offset + k;
            for (int j = 0; j < n; j++) at[i + j] = o + j;
            k += n;
            this.len = i + n;
            if (this.len >= WINDOW) flush(false);
        }
    }

    /** {@code chars[off, off+len)} standing at consecutive offsets {@code offset, offset+step, …}. */
    void append(char[] chars, int off, int len, long offset, int step) {
        for (int k = 0; k < len; k++) append(chars[off + k], offset + (long) k * step);
    }

    /** Text whose characters stood at consecutive offsets from {@code offset} ({@code step} bytes each). */
    void append(CharSequence s, long offset, int step) {
        for (int k = 0; k < s.length(); k++) append(s.charAt(k), offset + (long) k * step);
    }

    private void flush(boolean last) {
        int len = this.len;
        if (len == 0) return;
        int cut = last ? len : cut(len);
        String window = new String(buf, 0, len);
        found.clear();
        scanner.scan(window, buf, cut, found::add);
        found.sort(Comparator.comparingInt(Candidate::start));
        for (Candidate c : found) {
            long at = src[c.start()];
            if (at < reportFrom || at >= reportTo) continue;
            if (firstOnly && !scanner.firstTime(c.type(), c.value())) continue;
            int cs = Math.max(0, c.start() - CONTEXT);
            int ce = Math.min(len, c.end() + CONTEXT);
            String context = window.substring(cs, ce).strip(); // escaped where shown (terminal, JSON)
            sink.accept(new Hit(c.type(), c.value(), window.substring(c.start(), c.end()), origin.file(), origin.path(),
                    at, context));
        }
        System.arraycopy(buf, cut, buf, 0, len - cut);
        System.arraycopy(src, cut, src, 0, len - cut);
        this.len = len - cut;
    }

    /** Where to cut a full window: the last line end in its tail, else the last blank, else a fixed overlap. */
    private int cut(int len) {
        int floor = len - OVERLAP;
        for (int i = len - 1; i > floor; i--) if (buf[i] == '\n') return i + 1;
        for (int i = len - 1; i > floor; i--) if (IndicatorScanner.separator(buf[i])) return i + 1;
        return floor;
    }

    @Override
    public void close() {
        flush(true);
        scanner.giveSpare(new Spare(buf, src));
    }

    /** A closed stream's buffers, kept by its scanner for the next stream. */
    record Spare(char[] chars, long[] offsets) {}
}
