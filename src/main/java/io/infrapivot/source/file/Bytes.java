package io.infrapivot.source.file;

import java.nio.charset.StandardCharsets;

/**
 * A bounded, read-only view of a file's first bytes. Every read checks its offset and length against what was
 * read, so a header that points outside the file (or past the part analysed) is a {@link Malformed}, never an
 * exception of another kind or a read of other memory. Offsets from the file are unsigned 32- or 64-bit values:
 * they arrive here as {@code long} and are checked before any narrowing.
 */
final class Bytes {
    private final byte[] data;
    private final int length;
    private final boolean bigEndian;

    Bytes(byte[] data, int length, boolean bigEndian) {
        this.data = data;
        this.length = Math.min(length, data.length);
        this.bigEndian = bigEndian;
    }

    /** The same bytes read in the other byte order. */
    Bytes order(boolean big) {
        return big == bigEndian ? this : new Bytes(data, length, big);
    }

    int length() {
        return length;
    }

    boolean has(long offset, long count) {
        return offset >= 0 && count >= 0 && offset <= length && count <= length - offset;
    }

    private int at(long offset, long count) {
        if (!has(offset, count)) {
            throw new Malformed("a header points outside the file (offset " + offset + ", " + count + " bytes)");
        }
        return (int) offset;
    }

    int u8(long offset) {
        return data[at(offset, 1)] & 0xff;
    }

    int u16(long offset) {
        int o = at(offset, 2);
        int a = data[o] & 0xff;
        int b = data[o + 1] & 0xff;
        return bigEndian ? a << 8 | b : b << 8 | a;
    }

    long u32(long offset) {
        int o = at(offset, 4);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            int b = data[o + (bigEndian ? i : 3 - i)] & 0xff;
            v = v << 8 | b;
        }
        return v;
    }

    /** An unsigned 64-bit value; values past {@link Long#MAX_VALUE} come back negative (callers treat them as huge). */
    long u64(long offset) {
        long lo = u32(offset + (bigEndian ? 4 : 0));
        long hi = u32(offset + (bigEndian ? 0 : 4));
        return hi << 32 | lo;
    }

    byte[] slice(long offset, long count) {
        int o = at(offset, count);
        byte[] out = new byte[(int) count];
        System.arraycopy(data, o, out, 0, (int) count);
        return out;
    }

    /** A NUL-terminated ASCII string of at most {@code max} bytes (cut at the end of the data). */
    String cString(long offset, int max) {
        int o = at(offset, 1);
        int end = o;
        while (end < length && end - o < max && data[end] != 0) end++;
        return new String(data, o, end - o, StandardCharsets.ISO_8859_1);
    }

    /** Shannon entropy in bits per byte of {@code count} bytes from {@code offset} (0 for none). */
    double entropy(long offset, long count) {
        if (count <= 0) return 0;
        int o = at(offset, count);
        long[] freq = new long[256];
        for (int i = 0; i < count; i++) freq[data[o + i] & 0xff]++;
        double e = 0;
        for (long f : freq) {
            if (f == 0) continue;
            double p = (double) f / count;
            e -= p * (Math.log(p) / Math.log(2));
        }
        return e;
    }

    /** A structure the format's headers describe does not fit the file. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
