package io.infrapivot.app.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A plain UTF-8 text file scanned in segments on several threads, its hits reported in file order as one thread would.
 *
 * <p>The file is cut into segments of about {@link #SEGMENT} bytes, each ending just after a line end ({@code \n},
 * so a CRLF pair and a multi-byte UTF-8 character are never split: no byte of one is {@code 0x0a}). Each worker
 * decodes its segment with {@link #MARGIN} bytes of the neighbouring segments on either side (cut back to a line or
 * ASCII byte, so no character is split there either) and keeps only the hits that start inside its own segment: an
 * indicator is found once, whole, with the same context as in a single pass. A line longer than {@link #LONGEST}
 * bytes ends the cutting: the rest of the file is then scanned by the calling thread in one stream, into the sink
 * directly. At most {@link #IN_FLIGHT} segments per worker are in flight, so memory stays bounded whatever the file's size.
 */
final class ParallelText {
    /** Segment size, in bytes. */
    static final int SEGMENT = 192 << 10;
    /** Bytes of each neighbouring segment decoded for context and multi-line forms, never reported. */
    static final int MARGIN = 1024;
    /** How far past a segment's nominal end a line end is looked for. */
    static final int LONGEST = 1 << 20;
    private static final int BLOCK = 1 << 16;
    /**
     * Segments in flight per worker: slack so that one worker held up (a busy machine) does not stop the others while
     * the output waits for its segment; each is at most one segment's bytes and hits.
     */
    static final int IN_FLIGHT = 4;

    private final FileChannel file;
    private final long size;
    private final int segment;
    private final int longest;

    ParallelText(FileChannel file, long size, int segment, int longest) {
        this.file = file;
        this.size = size;
        this.segment = segment;
        this.longest = longest;
    }

    /** A segment of the file: report hits at byte offsets [start, end); decode [from, to). */
    record Segment(long from, long start, long end, long to) {}

    /**
     * Scans the file on {@code workers} threads, each with a scanner of its own from {@code scanners}, and gives every
     * hit to {@code sink} in file order (on the calling thread). {@code firstHitsOnly}: the sink keeps only the first hit
     * of a value, so a worker leaves out the values it has reported before (each worker takes its segments in file
     * order, and its earlier segments reach the sink first, so a hit left out was never a first hit).
     */
    void scan(int workers, Supplier<IndicatorScanner> scanners, Origin o, boolean firstHitsOnly, Consumer<Hit> sink)
            throws IOException {
        // one scanner per worker thread, for good: its segments come to it in file order (the executor's queue)
        ThreadLocal<IndicatorScanner> scanner = ThreadLocal.withInitial(scanners);
        ExecutorService exec = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "extract-segment");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<List<Hit>>> inFlight = new ArrayDeque<>();
        try {
            long pos = 0;
            while (pos < size) {
                Segment s = next(pos);
                if (s == null) break;
                pos = s.end();
                inFlight.add(exec.submit(() -> segment(s, scanner.get(), o, firstHitsOnly)));
                if (inFlight.size() >= IN_FLIGHT * workers) emit(inFlight.poll(), sink);
            }
            while (!inFlight.isEmpty()) emit(inFlight.poll(), sink);
            if (pos < size) {
                // a line too long to cut: the rest in one stream, on this thread
                scanRange(new Segment(lineStart(pos), pos, size, size), scanners.get(), o, firstHitsOnly, sink);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            for (Future<List<Hit>> f : inFlight) f.cancel(true);
            exec.shutdownNow();
        }
    }

    private static void emit(Future<List<Hit>> f, Consumer<Hit> sink) throws IOException, InterruptedException {
        try {
            for (Hit h : f.get()) sink.accept(h);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) throw io;
            if (c instanceof UncheckedIOException u) throw u.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IOException(c);
        }
    }

    /** The segment that starts at {@code start} (just after a line end, or 0), or null when no line end comes soon. */
    Segment next(long start) throws IOException {
        long end;
        if (size - start <= segment + (long) segment / 2) {
            end = size;
        } else {
            long nl = indexOfNewline(start + segment - 1, Math.min(size, start + segment + (long) longest));
            if (nl < 0) return null;
            end = nl + 1;
        }
        return new Segment(lineStart(start), start, end, end >= size ? size : marginEnd(end));
    }

    /** The first '\n' at or after {@code from} and before {@code to}, or -1. */
    long indexOfNewline(long from, long to) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(BLOCK);
        long p = from;
        while (p < to) {
            b.clear();
            b.limit((int) Math.min(BLOCK, to - p));
            int n = file.read(b, p);
            if (n <= 0) return -1;
            for (int i = 0; i < n; i++) if (b.get(i) == '\n') return p + i;
            p += n;
        }
        return -1;
    }

    /** Where the look-back before {@code start} begins: just after a line end or at an ASCII byte, else {@code start}. */
    private long lineStart(long start) throws IOException {
        if (start == 0) return 0;
        long from = Math.max(0, start - MARGIN);
        byte[] b = read(from, (int) (start - from));
        if (from == 0) return 0;
        for (int i = 0; i < b.length; i++) if (b[i] == '\n') return from + i + 1;
        for (int i = 0; i < b.length; i++) if (b[i] >= 0) return from + i;
        return start;
    }

    /** Where the look-ahead after {@code end} stops: after its last line end, else before its last non-ASCII run. */
    private long marginEnd(long end) throws IOException {
        long to = Math.min(size, end + MARGIN);
        byte[] b = read(end, (int) (to - end));
        if (to == size) return size;
        for (int i = b.length - 1; i >= 0; i--) if (b[i] == '\n') return end + i + 1;
        for (int i = b.length - 1; i >= 0; i--) if (b[i] >= 0) return end + i + 1;
        return end;
    }

    private byte[] read(long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            int r = file.read(b, at + b.position());
            if (r <= 0) break;
        }
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    private List<Hit> segment(Segment s, IndicatorScanner sc, Origin o, boolean firstHitsOnly) throws IOException {
        List<Hit> hits = new ArrayList<>();
        scanRange(s, sc, o, firstHitsOnly, hits::add);
        return hits;
    }

    /** Decodes [from, to) of the file as UTF-8 and reports the hits that start in [start, end). */
    private void scanRange(Segment s, IndicatorScanner sc, Origin o, boolean firstHitsOnly, Consumer<Hit> out)
            throws IOException {
        try (TextStream ts = new TextStream(sc, o, out, (int) Math.min(Integer.MAX_VALUE - 16, s.to() - s.from() + 1))
                .firstHitsOnly(firstHitsOnly)) {
            ts.reportOnly(s.start(), s.end());
            Extractor.Utf8 decoder = new Extractor.Utf8(ts, s.from());
            ByteBuffer b = ByteBuffer.allocate(BLOCK);
            long p = s.from();
            while (p < s.to()) {
                if (Thread.interrupted()) throw new IOException("interrupted");
                b.clear();
                b.limit((int) Math.min(BLOCK, s.to() - p));
                int n = file.read(b, p);
                if (n <= 0) break;
                decoder.feed(b.array(), n);
                p += n;
            }
            decoder.end();
        }
    }
}
