package io.infrapivot.source.file;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The facts analysts pivot on in a PE (Windows executable) header, read with every offset bounded: machine,
 * compile time (COFF TimeDateStamp), entry point, subsystem, sections with their entropy, the import hash
 * (pefile's {@code get_imphash} definition), the PDB path of a CodeView debug entry, the Rich header and its hash (MD5 of the decoded header from
 * {@code DanS} to {@code Rich}, pefile's {@code get_rich_header_hash}), and the Authenticode signature: whether
 * one is present and the subject of the signing certificate. Written by hand: no maintained pure-Java PE library is
 * served on Maven Central (PortEx pulls in the Scala runtime), and the header is a binary format, not a document.
 */
final class PeReader {
    /** The Windows loader's own limit. */
    static final int MAX_SECTIONS = 96;
    static final int MAX_DLLS = 1024;
    static final int MAX_FUNCTIONS = 65_536;
    static final int MAX_RICH_ENTRIES = 256;
    /** Authenticode blobs are a few KiB to a few hundred; anything larger is not read. */
    static final int MAX_SIGNATURE = 1 << 20;
    private static final long RICH = 0x68636952L; // "Rich"
    private static final long DANS = 0x536e6144L; // "DanS"
    private static final Set<String> IMPHASH_EXTENSIONS = Set.of("dll", "ocx", "sys");
    private static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";

    private PeReader() {}

    /** Whether the bytes start like a PE file (MZ and a PE signature where e_lfanew points). */
    static boolean matches(Bytes b) {
        if (!b.has(0, 0x40) || b.u16(0) != 0x5a4d) return false;
        long pe = b.u32(0x3c);
        return b.has(pe, 4) && b.u32(pe) == 0x4550;
    }

    static ObjectNode read(Bytes b) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        long pe = b.u32(0x3c);
        long coff = pe + 4;
        int machine = b.u16(coff);
        int nSections = b.u16(coff + 2);
        long timestamp = b.u32(coff + 4);
        int optSize = b.u16(coff + 16);
        int characteristics = b.u16(coff + 18);
        out.put("machine", machine(machine));
        out.put("compile_time", Instant.ofEpochSecond(timestamp).toString());
        out.put("timestamp", timestamp);
        out.put("dll", (characteristics & 0x2000) != 0);
        long opt = coff + 20;
        int magic = optSize >= 2 ? b.u16(opt) : 0;
        boolean plus = magic == 0x20b;
        out.put("format", plus ? "PE32+" : magic == 0x10b ? "PE32" : "PE (no optional header)");
        List<Section> sections = sections(b, opt + optSize, Math.min(nSections, MAX_SECTIONS));
        if (nSections > MAX_SECTIONS) out.put("sections_left_out", nSections - MAX_SECTIONS);
        long importRva = 0;
        long debugRva = 0;
        long debugSize = 0;
        long securityOffset = 0;
        long securitySize = 0;
        if (magic == 0x10b || plus) {
            out.put("entry_point", hex(b.u32(opt + 16)));
            out.put("subsystem", subsystem(b.u16(opt + 68)));
            long dirs = opt + (plus ? 112 : 96);
            long nDirs = Math.min(16, b.u32(opt + (plus ? 108 : 92)));
            if (nDirs > 1 && b.has(dirs + 8, 8)) importRva = b.u32(dirs + 8);
            if (nDirs > 4 && b.has(dirs + 32, 8)) {
                securityOffset = b.u32(dirs + 32); // a file offset, not an RVA
                securitySize = b.u32(dirs + 36);
            }
            if (nDirs > 6 && b.has(dirs + 48, 8)) {
                debugRva = b.u32(dirs + 48);
                debugSize = b.u32(dirs + 52);
            }
            if (nDirs > 14 && b.has(dirs + 112, 8) && b.u32(dirs + 112) != 0) out.put("dotnet", true);
        }
        ArrayNode secs = out.putArray("sections");
        for (Section s : sections) {
            ObjectNode o = secs.addObject();
            o.put("name", s.name);
            o.put("virtual_address", hex(s.va));
            o.put("virtual_size", s.vsize);
            o.put("raw_size", s.rawSize);
            long readable = Math.max(0, Math.min(s.rawSize, b.length() - s.rawPtr));
            if (s.rawPtr < b.length() && readable > 0) {
                o.put("entropy", Math.round(b.entropy(s.rawPtr, readable) * 1000) / 1000.0);
            }
            o.put("characteristics", hex(s.characteristics));
        }
        if (importRva != 0) imports(b, importRva, sections, plus, out);
        if (debugRva != 0) pdb(b, offset(debugRva, sections), debugSize, out);
        rich(b, pe, out);
        signature(b, securityOffset, securitySize, out);
        return out;
    }

    private record Section(String name, long va, long vsize, long rawSize, long rawPtr, long characteristics) {
        boolean holds(long rva) {
            long span = Math.max(vsize, rawSize);
            return rva >= va && rva - va < span;
        }
    }

    private static List<Section> sections(Bytes b, long table, int n) {
        List<Section> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long h = table + 40L * i;
            if (!b.has(h, 40)) break;
            String name = FileReport.printable(b.cString(h, 8));
            out.add(new Section(name, b.u32(h + 12), b.u32(h + 8), b.u32(h + 16), b.u32(h + 20), b.u32(h + 36)));
        }
        return out;
    }

    /** The file offset of an RVA, or -1 when no section (and not the headers) holds it. */
    private static long offset(long rva, List<Section> sections) {
        for (Section s : sections) {
            if (s.holds(rva)) return s.rawPtr + (rva - s.va);
        }
        long firstSection = sections.stream().mapToLong(Section::va).min().orElse(Long.MAX_VALUE);
        return rva < firstSection ? rva : -1;
    }

    private static void imports(Bytes b, long rva, List<Section> sections, boolean plus, ObjectNode out) {
        long desc = offset(rva, sections);
        if (desc < 0) return;
        List<String> entries = new ArrayList<>();
        ArrayNode dlls = out.putArray("imports");
        int functions = 0;
        for (int i = 0; i < MAX_DLLS && b.has(desc + 20L * i, 20); i++) {
            long d = desc + 20L * i;
            long lookup = b.u32(d);
            long nameRva = b.u32(d + 12);
            long iat = b.u32(d + 16);
            if (lookup == 0 && nameRva == 0 && iat == 0) break;
            long nameOff = offset(nameRva, sections);
            if (nameOff < 0 || !b.has(nameOff, 1)) continue;
            String dll = FileReport.printable(b.cString(nameOff, 256));
            String lib = dll.toLowerCase(Locale.ROOT);
            int dot = lib.lastIndexOf('.');
            if (dot >= 0 && IMPHASH_EXTENSIONS.contains(lib.substring(dot + 1))) lib = lib.substring(0, dot);
            ObjectNode dn = dlls.addObject();
            dn.put("dll", dll);
            ArrayNode fns = dn.putArray("functions");
            long thunks = offset(lookup != 0 ? lookup : iat, sections);
            int width = plus ? 8 : 4;
            for (long t = thunks; thunks >= 0 && functions < MAX_FUNCTIONS && b.has(t, width); t += width) {
                long v = plus ? b.u64(t) : b.u32(t);
                if (v == 0) break;
                boolean byOrdinal = plus ? v < 0 : (v & 0x80000000L) != 0;
                String fn;
                if (byOrdinal) {
                    fn = "ord" + (v & 0xffff);
                } else {
                    long hint = offset(v & 0x7fffffffL, sections);
                    if (hint < 0 || !b.has(hint + 2, 1)) break;
                    fn = FileReport.printable(b.cString(hint + 2, 512));
                }
                functions++;
                fns.add(fn);
                entries.add(lib + "." + fn.toLowerCase(Locale.ROOT));
            }
        }
        if (functions >= MAX_FUNCTIONS) out.put("imports_cut_at", MAX_FUNCTIONS);
        if (!entries.isEmpty()) out.put("imphash", md5(String.join(",", entries).getBytes(StandardCharsets.ISO_8859_1)));
    }

    /**
     * The PDB path of a CodeView debug entry ({@code RSDS}, GUID, age, path): the build machine's folder, which
     * analysts search for across samples.
     */
    private static void pdb(Bytes b, long dir, long size, ObjectNode out) {
        if (dir < 0) return;
        for (int i = 0; i < Math.min(16, size / 28) && b.has(dir + 28L * i, 28); i++) {
            long e = dir + 28L * i;
            long raw = b.u32(e + 24);
            if (b.u32(e + 12) != 2 || !b.has(raw, 25) || b.u32(raw) != 0x53445352L) continue; // CODEVIEW, "RSDS"
            ObjectNode pdb = out.putObject("pdb");
            pdb.put("path", FileReport.printable(b.cString(raw + 24, 260)));
            pdb.put("guid", java.util.HexFormat.of().formatHex(b.slice(raw + 4, 16)));
            pdb.put("age", b.u32(raw + 20));
            return;
        }
    }

    /** The Rich header between the DOS stub and the PE header, when there is one. */
    private static void rich(Bytes b, long pe, ObjectNode out) {
        long end = Math.min(pe, b.length());
        for (long r = 0x80; r + 8 <= end; r += 4) {
            if (b.u32(r) != RICH) continue;
            long key = b.u32(r + 4);
            long start = -1;
            for (long p = r - 4; p >= 0x40; p -= 4) {
                if ((b.u32(p) ^ key) == DANS) {
                    start = p;
                    break;
                }
            }
            if (start < 0) return;
            byte[] clear = new byte[(int) (r - start)];
            for (int i = 0; i < clear.length; i += 4) {
                long v = b.u32(start + i) ^ key;
                for (int k = 0; k < 4; k++) clear[i + k] = (byte) (v >>> (8 * k));
            }
            ObjectNode rich = out.putObject("rich_header");
            rich.put("key", hex(key));
            rich.put("hash", md5(clear));
            ArrayNode entries = rich.putArray("entries");
            for (long p = start + 16; p + 8 <= r && entries.size() < MAX_RICH_ENTRIES; p += 8) {
                long comp = b.u32(p) ^ key;
                long count = b.u32(p + 4) ^ key;
                entries.addObject().put("product", comp >>> 16).put("build", comp & 0xffff).put("count", count);
            }
            return;
        }
    }

    /** Authenticode: the WIN_CERTIFICATE at the security directory's file offset, PKCS#7 signed data inside. */
    private static void signature(Bytes b, long offset, long size, ObjectNode out) {
        if (offset == 0 || size < 8) {
            out.put("signed", false);
            return;
        }
        out.put("signed", true);
        if (!b.has(offset, 8)) {
            out.put("signature_note", "the signature lies past the part of the file analysed");
            return;
        }
        long length = Math.min(b.u32(offset), size);
        int type = b.u16(offset + 6);
        if (type != 2 || length <= 8 || length - 8 > MAX_SIGNATURE || !b.has(offset + 8, length - 8)) {
            out.put("signature_note", "not a PKCS#7 signature that could be read (type " + type + ")");
            return;
        }
        try {
            var certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(b.slice(offset + 8, length - 8)));
            List<X509Certificate> x = new ArrayList<>();
            for (var c : certs) if (c instanceof X509Certificate xc) x.add(xc);
            ArrayNode subjects = out.putArray("certificates");
            x.forEach(c -> subjects.add(FileReport.printable(c.getSubjectX500Principal().getName())));
            X509Certificate signer = signer(x);
            if (signer != null) {
                ObjectNode s = out.putObject("signer");
                s.put("subject", FileReport.printable(signer.getSubjectX500Principal().getName()));
                s.put("issuer", FileReport.printable(signer.getIssuerX500Principal().getName()));
                s.put("serial", signer.getSerialNumber().toString(16));
                s.put("not_before", signer.getNotBefore().toInstant().toString());
                s.put("not_after", signer.getNotAfter().toInstant().toString());
            }
        } catch (CertificateException | RuntimeException e) {
            out.put("signature_note", "the PKCS#7 signature could not be read: " + e.getClass().getSimpleName());
        }
    }

    /**
     * The signing certificate: a leaf (issuer of no other certificate in the bag) for code signing, else the
     * first leaf. The bag also holds the timestamping authority's chain, whose leaf is for time stamping.
     */
    static X509Certificate signer(List<X509Certificate> certs) {
        List<X509Certificate> leaves = certs.stream().filter(c -> certs.stream().noneMatch(o -> o != c
                && o.getIssuerX500Principal().equals(c.getSubjectX500Principal()))).toList();
        for (X509Certificate c : leaves) {
            try {
                if (c.getExtendedKeyUsage() != null && c.getExtendedKeyUsage().contains(CODE_SIGNING)) return c;
            } catch (CertificateParsingException e) {
                // no readable usage: not chosen for it
            }
        }
        return leaves.isEmpty() ? null : leaves.get(0);
    }

    static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    private static String machine(int m) {
        return switch (m) {
            case 0x14c -> "i386";
            case 0x8664 -> "amd64";
            case 0x1c0 -> "arm";
            case 0x1c4 -> "armnt";
            case 0xaa64 -> "arm64";
            case 0x200 -> "ia64";
            default -> "0x" + Integer.toHexString(m);
        };
    }

    private static String subsystem(int s) {
        return switch (s) {
            case 1 -> "native";
            case 2 -> "windows-gui";
            case 3 -> "windows-cui";
            case 9 -> "windows-ce";
            case 10 -> "efi-application";
            case 11 -> "efi-boot-driver";
            case 12 -> "efi-runtime-driver";
            default -> String.valueOf(s);
        };
    }
}
