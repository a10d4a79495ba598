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
    private final StringBuilder buf = new StringBuilder(WINDOW + OVERLAP);
    private long[] src = new long[WINDOW + OVERLAP];
    private final List<Candidate> found = new ArrayList<>();

    TextStream(IndicatorScanner scanner, Origin origin, Consumer<Hit> sink) {
        this.scanner = scanner;
        this.origin = origin;
        this.sink = sink;
    }

    void append(char c, long offset) {
        int i = buf.length();
        if (i == src.length) src = Arrays.copyOf(src, i * 2);
        buf.append(c);
        src[i] = offset;
        if (buf.length() >= WINDOW) flush(false);
    }

    /** ASCII bytes {@code b[off, off+len)} standing at consecutive byte offsets from {@code offset}. */
    void appendAscii(byte[] b, int off, int len, long offset) {
        int k = 0;
        while (k < len) {
            int i = buf.length();
            int n = Math.min(len - k, WINDOW - i);
            if (i + n > src.length) src = Arrays.copyOf(src, Math.max(i + n, src.length * 2));
            for (int j = 0; j < n; j++) {
                buf.append((char) b[off + k + j]);
                src[i + j] = offset + k + j;
            }
            k += n;
            if (buf.length() >= WINDOW) flush(false);
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
        int len = buf.length();
        if (len == 0) return;
        int cut = last ? len : cut(len);
        String window = buf.toString();
        found.clear();
        scanner.scan(window, cut, found::add);
        found.sort(Comparator.comparingInt(Candidate::start));
        for (Candidate c : found) {
            int cs = Math.max(0, c.start() - CONTEXT);
            int ce = Math.min(len, c.end() + CONTEXT);
            String context = window.substring(cs, ce).strip(); // escaped where shown (terminal, JSON)
            sink.accept(new Hit(c.type(), c.value(), window.substring(c.start(), c.end()), origin.file(), origin.path(),
                    src[c.start()], context));
        }
        buf.delete(0, cut);
        System.arraycopy(src, cut, src, 0, len - cut);
    }

    /** Where to cut a full window: the last line end in its tail, else the last blank, else a fixed overlap. */
    private int cut(int len) {
        int floor = len - OVERLAP;
        for (int i = len - 1; i > floor; i--) if (buf.charAt(i) == '\n') return i + 1;
        for (int i = len - 1; i > floor; i--) if (IndicatorScanner.separator(buf.charAt(i))) return i + 1;
        return floor;
    }

    @Override
    public void close() {
        flush(true);
    }
}
