package io.infrapivot.source.file;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Small executables written byte by byte, as their format specifications lay them out: a PE32 with a Rich header,
 * two sections, imports by name and by ordinal and an Authenticode certificate table; a minimal ELF64 and
 * Mach-O 64 header.
 */
public final class TestBinaries {
    private TestBinaries() {}

    static final long RICH_KEY = 0x12345678L;
    static final long TIMESTAMP = 1_600_000_000L; // 2020-09-13T12:26:40Z

    /** A code-signing certificate and a time-stamping one (self-signed, made with keytool). */
    static final String SIGNING_PEM = """
            -----BEGIN CERTIFICATE-----
            MIIB+zCCAYKgAwIBAgIJALwRNIrZNzKlMAoGCCqGSM49BAMDMEkxCzAJBgNVBAYT
            AkdCMRwwGgYDVQQKExNFeGFtcGxlIFNpZ25pbmcgTHRkMRwwGgYDVQQDExNFeGFt
            cGxlIFNpZ25pbmcgTHRkMB4XDTI0MDEwMTEzMDYzNFoXDTMzMTIyOTEzMDYzNFow
            STELMAkGA1UEBhMCR0IxHDAaBgNVBAoTE0V4YW1wbGUgU2lnbmluZyBMdGQxHDAa
            BgNVBAMTE0V4YW1wbGUgU2lnbmluZyBMdGQwdjAQBgcqhkjOPQIBBgUrgQQAIgNi
            AAQdO9TFQY3+7gS5xGIVyS/aF8Y4yiEbNV/G040sQ5onRXvOqdqflCevTbSW15dO
            JNRZZ7nH009CT6nq8e8kS7xFV+jNkXBMC30DZ+KrLgxHKEMDSh8ujovNL1DzsLkg
            6oKjNjA0MB0GA1UdDgQWBBRo+500yRyukpQ46i5+yRLP/CADIDATBgNVHSUEDDAK
            BggrBgEFBQcDAzAKBggqhkjOPQQDAwNnADBkAjAQEduEV0vy4kFT5hbqYJhvikFv
            yifh/g6BRxh40FbNxQ/dHteRAGMmGVLE8KCfS/sCMH8fSgV6SQJDFzzY+aKr5RZI
            sLE7MDeS7u1VxfJWaliKkIR3VrtJKAWdAzP2PR7KGw==
            -----END CERTIFICATE-----
            """;
    static final String TSA_PEM = """
            -----BEGIN CERTIFICATE-----
            MIIB7jCCAXWgAwIBAgIIDOfuIk+aXIEwCgYIKoZIzj0EAwMwQzELMAkGA1UEBhMC
            VVMxFDASBgNVBAoTC0V4YW1wbGUgVFNBMR4wHAYDVQQDExVFeGFtcGxlIFRpbWUg
            U3RhbXBpbmcwHhcNMjQwMTAxMTMwNjM3WhcNMzMxMjI5MTMwNjM3WjBDMQswCQYD
            VQQGEwJVUzEUMBIGA1UEChMLRXhhbXBsZSBUU0ExHjAcBgNVBAMTFUV4YW1wbGUg
            VGltZSBTdGFtcGluZzB2MBAGByqGSM49AgEGBSuBBAAiA2IABNE/IQsO76E53yyp
            4mbC5Hu36d2Olnwx9JEkWIWae5x1VtnmJ5aQb4TrvFg+aobhPnzqyxeBFcftniK7
            KfwHNJUbg3SD+eb1j1/N4dh6oo2zF2NJwAOplgbVDwd/pkhsLKM2MDQwHQYDVR0O
            BBYEFG/f4/oP6yOleezxp3SbadMLzYtkMBMGA1UdJQQMMAoGCCsGAQUFBwMIMAoG
            CCqGSM49BAMDA2cAMGQCMDn7qrtIvt/pU8954g+EQE0+JKoXioe8P3x+xv4+6+Ja
            7Opd0tAby986NVjaDV/1pwIwSY8/oYwyoChjBLwTKs0mhLjT1xbGZFIwL7Wv39hk
            +6MlO0vmW202wcJ1e8wKvO/N
            -----END CERTIFICATE-----
            """;

    /** A PKCS#7 SignedData carrying the time-stamping and the signing certificate (in that order). */
    public static byte[] pkcs7() throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certs = new ArrayList<>();
        for (String pem : List.of(TSA_PEM, SIGNING_PEM)) {
            certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(
                    pem.getBytes(StandardCharsets.US_ASCII))));
        }
        return cf.generateCertPath(certs).getEncoded("PKCS7");
    }

    /**
     * The PE32: headers at 0, .text at file 0x200 (RVA 0x1000, bytes 0..255 twice: entropy 8), .idata at file 0x400
     * (RVA 0x2000: KERNEL32.dll CreateFileA and WriteFile by name, MSVCRT.dll ordinal 5), the certificate table at
     * 0x600 when {@code signature} is given.
     */
    public static byte[] pe(byte[] signature) {
        int certLen = signature == null ? 0 : 8 + signature.length;
        ByteBuffer b = ByteBuffer.allocate(0x600 + ((certLen + 7) & ~7)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 'M').put(1, (byte) 'Z');
        int pe = 0xB0;
        b.putInt(0x3c, pe);
        // Rich header at 0x80: DanS, three zero dwords, two (comp id, count) pairs, "Rich", the key
        long[] clear = {0x536e6144L, 0, 0, 0, (0x104L << 16) | 0x7809, 5, (0xffL << 16) | 0x6b74, 1};
        for (int i = 0; i < clear.length; i++) b.putInt(0x80 + 4 * i, (int) (clear[i] ^ RICH_KEY));
        b.putInt(0xA0, 0x68636952);
        b.putInt(0xA4, (int) RICH_KEY);
        b.putInt(pe, 0x4550);
        int coff = pe + 4;
        b.putShort(coff, (short) 0x14c).putShort(coff + 2, (short) 2).putInt(coff + 4, (int) TIMESTAMP);
        b.putShort(coff + 16, (short) 0xE0).putShort(coff + 18, (short) 0x0102);
        int opt = coff + 20;
        b.putShort(opt, (short) 0x10b).putInt(opt + 16, 0x1000).putShort(opt + 68, (short) 2).putInt(opt + 92, 16);
        int dirs = opt + 96;
        b.putInt(dirs + 8, 0x2000).putInt(dirs + 12, 0x100);
        b.putInt(dirs + 48, 0x2180).putInt(dirs + 52, 28); // debug directory: one CodeView entry
        if (signature != null) b.putInt(dirs + 32, 0x600).putInt(dirs + 36, certLen);
        int sec = opt + 0xE0;
        section(b, sec, ".text", 0x1000, 0x200, 0x200, 0x60000020);
        section(b, sec + 40, ".idata", 0x2000, 0x200, 0x400, 0xC0000040);
        for (int i = 0; i < 0x200; i++) b.put(0x200 + i, (byte) i);
        int idata = 0x400; // RVA 0x2000
        descriptor(b, idata, 0x2080, 0x2100, 0x20C0);
        descriptor(b, idata + 20, 0x2090, 0x2110, 0x20D0);
        b.putInt(idata + 0x80, 0x2140).putInt(idata + 0x84, 0x2160);
        b.putInt(idata + 0x90, 0x80000005);
        ascii(b, idata + 0x100, "KERNEL32.dll");
        ascii(b, idata + 0x110, "MSVCRT.dll");
        ascii(b, idata + 0x142, "CreateFileA");
        ascii(b, idata + 0x162, "WriteFile");
        // the debug entry at RVA 0x2180 (file 0x580): type 2 (CodeView), its RSDS record at file 0x5A0
        byte[] path = "C:\\build\\evil\\Release\\evil.pdb".getBytes(StandardCharsets.US_ASCII);
        b.putInt(0x580 + 12, 2).putInt(0x580 + 16, 24 + path.length + 1).putInt(0x580 + 20, 0x21A0)
                .putInt(0x580 + 24, 0x5A0);
        ascii(b, 0x5A0, "RSDS");
        for (int i = 0; i < 16; i++) b.put(0x5A4 + i, (byte) (0xA0 + i));
        b.putInt(0x5B4, 3);
        b.put(0x5B8, path);
        if (signature != null) {
            b.putInt(0x600, certLen).putShort(0x604, (short) 0x200).putShort(0x606, (short) 2);
            b.put(0x608, signature);
        }
        return b.array();
    }

    private static void section(ByteBuffer b, int at, String name, int va, int size, int raw, int flags) {
        ascii(b, at, name);
        b.putInt(at + 8, size).putInt(at + 12, va).putInt(at + 16, size).putInt(at + 20, raw).putInt(at + 36, flags);
    }

    private static void descriptor(ByteBuffer b, int at, int lookup, int name, int iat) {
        b.putInt(at, lookup).putInt(at + 12, name).putInt(at + 16, iat);
    }

    private static void ascii(ByteBuffer b, int at, String s) {
        b.put(at, s.getBytes(StandardCharsets.US_ASCII));
    }

    /** An ELF64 little-endian x86-64 executable header (64 bytes). */
    static byte[] elf() {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 3});
        b.putShort(16, (short) 2).putShort(18, (short) 62).putInt(20, 1).putLong(24, 0x401000L);
        b.putShort(52, (short) 64).putShort(56, (short) 9).putShort(60, (short) 30);
        return b.array();
    }

    /** A Mach-O 64-bit little-endian arm64 executable header (32 bytes). */
    static byte[] machO() {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0xfeedfacf).putInt(4, 0x0100000c).putInt(8, 0).putInt(12, 2).putInt(16, 17)
                .putInt(20, 1200).putInt(24, 0x00200085);
        return b.array();
    }
}
