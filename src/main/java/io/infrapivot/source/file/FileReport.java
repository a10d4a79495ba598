package io.infrapivot.source.file;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.FileDigests;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * What a static look at one file's bytes gives: its size, MD5, SHA-1, SHA-256 and SHA-512 (one streamed pass over
 * the whole file), and the format of its first {@link #MAX_PARSED} bytes — PE, ELF or Mach-O header facts, or
 * "data". Pure: it reads the stream it is handed and nothing else.
 *
 * <p>ssdeep and TLSH are not computed: no maintained pure-Java implementation of either is served on Maven Central
 * ({@code com.trendmicro:tlsh} is not published there; the one ssdeep artefact is a 0.0.1 JNA wrapper that needs the
 * native libfuzzy), and the project does not write fuzzy hashes by hand. docs/files.md says so.
 *
 * @param size    bytes
 * @param format  pe, elf, macho or data
 * @param header  the format's facts (null for data)
 * @param note    why the header could not be read in full, or null
 */
public record FileReport(long size, String md5, String sha1, String sha256, String sha512, String format,
                         ObjectNode header, String note) {
    /** The part of a file whose headers are read (the hashes always cover the whole file). */
    public static final int MAX_PARSED = 32 << 20;
    private static final int BUFFER = 1 << 16;

    /** Reads the stream to its end (checking for an interrupt between blocks). */
    public static FileReport of(InputStream in) throws IOException, InterruptedException {
        FileDigests digests = new FileDigests();
        byte[] head = new byte[BUFFER];
        int kept = 0;
        byte[] buf = new byte[BUFFER];
        for (int n; (n = in.read(buf)) > 0; ) {
            if (Thread.interrupted()) throw new InterruptedException();
            digests.update(buf, 0, n);
            int room = Math.min(n, MAX_PARSED - kept);
            if (room > 0) {
                if (kept + room > head.length) head = Arrays.copyOf(head, Math.min(MAX_PARSED, Math.max(kept + room, head.length * 2)));
                System.arraycopy(buf, 0, head, kept, room);
                kept += room;
            }
        }
        FileDigests.Hex h = digests.finish();
        long size = h.size();
        Bytes b = new Bytes(head, kept, false);
        String format = "data";
        ObjectNode header = null;
        String note = null;
        try {
            if (PeReader.matches(b)) {
                format = "pe";
                header = PeReader.read(b);
            } else if (ElfMachOReader.isElf(b)) {
                format = "elf";
                header = ElfMachOReader.elf(b);
            } else if (ElfMachOReader.isMachO(b)) {
                format = "macho";
                header = ElfMachOReader.machO(b);
            }
        } catch (Bytes.Malformed e) {
            note = e.getMessage() + (size > kept ? " (headers are read from the first " + (MAX_PARSED >> 20)
                    + " MiB only)" : "");
        }
        return new FileReport(size, h.md5(), h.sha1(), h.sha256(), h.sha512(), format, header, note);
    }

    /** The facts as one JSON value (the {@code file-property} attribute). */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("size", size);
        o.put("format", format);
        if (header != null) o.set(format, header);
        if (note != null) o.put("note", note);
        return o;
    }

    /** Text from a file's bytes with control characters shown as {@code \xNN} (for terminals and reports). */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) b.append(String.format("\\x%02x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}
