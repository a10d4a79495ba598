package io.infrapivot.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** MD5, SHA-1, SHA-256 and SHA-512 of one stream of bytes, fed block by block (one pass over a file). */
public final class FileDigests {
    private final MessageDigest md5 = digest("MD5");
    private final MessageDigest sha1 = digest("SHA-1");
    private final MessageDigest sha256 = digest("SHA-256");
    private final MessageDigest sha512 = digest("SHA-512");
    private long size;

    /** The four hashes in lower-case hex, and the number of bytes. */
    public record Hex(long size, String md5, String sha1, String sha256, String sha512) {}

    public void update(byte[] buf, int off, int n) {
        md5.update(buf, off, n);
        sha1.update(buf, off, n);
        sha256.update(buf, off, n);
        sha512.update(buf, off, n);
        size += n;
    }

    /** The hashes of everything fed so far (once: the digests are reset). */
    public Hex finish() {
        HexFormat hex = HexFormat.of();
        return new Hex(size, hex.formatHex(md5.digest()), hex.formatHex(sha1.digest()), hex.formatHex(sha256.digest()),
                hex.formatHex(sha512.digest()));
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
