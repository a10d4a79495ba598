package io.infrapivot.source.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The favicon hash as Shodan computes it ({@code http.favicon.hash}): MurmurHash3 (x86, 32-bit, seed 0) of the
 * icon's base64 text in Python's {@code base64.encodebytes} layout — a newline after every 76 characters and one at
 * the end — read as a signed 32-bit integer. The indicator form is {@code mmh3:N} (docs/web-ids.md).
 */
public final class FaviconHash {
    private FaviconHash() {}

    /** The icon's bytes in the layout of Python's {@code base64.encodebytes}. */
    static String encodebytes(byte[] icon) {
        if (icon.length == 0) return "";
        return Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(icon) + "\n";
    }

    /** The signed 32-bit hash of the icon's bytes. */
    public static int of(byte[] icon) {
        byte[] text = encodebytes(icon).getBytes(StandardCharsets.US_ASCII);
        return MurmurHash3.hash32x86(text, 0, text.length, 0);
    }

    /** The indicator text of the icon's hash: {@code mmh3:N}. */
    public static String indicator(byte[] icon) {
        return "mmh3:" + of(icon);
    }
}
