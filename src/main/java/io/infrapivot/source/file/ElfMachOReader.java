package io.infrapivot.source.file;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The basics of ELF and Mach-O headers (class, byte order, type, machine, entry, counts), every offset bounded. */
final class ElfMachOReader {
    /** Fat (universal) Mach-O files hold a few architectures; Java class files share the magic with a large count. */
    static final int MAX_FAT_ARCHS = 30;

    private ElfMachOReader() {}

    static boolean isElf(Bytes b) {
        return b.has(0, 20) && b.u8(0) == 0x7f && b.u8(1) == 'E' && b.u8(2) == 'L' && b.u8(3) == 'F';
    }

    static ObjectNode elf(Bytes raw) {
        int cls = raw.u8(4);
        int data = raw.u8(5);
        if (cls != 1 && cls != 2) throw new Bytes.Malformed("ELF class " + cls + " is neither 32 nor 64 bit");
        if (data != 1 && data != 2) throw new Bytes.Malformed("ELF data encoding " + data + " is unknown");
        Bytes b = raw.order(data == 2);
        boolean wide = cls == 2;
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("class", wide ? "ELF64" : "ELF32");
        out.put("byte_order", data == 2 ? "big-endian" : "little-endian");
        out.put("os_abi", osAbi(b.u8(7)));
        out.put("type", switch (b.u16(16)) {
            case 1 -> "relocatable";
            case 2 -> "executable";
            case 3 -> "shared-object";
            case 4 -> "core";
            default -> "0x" + Integer.toHexString(b.u16(16));
        });
        out.put("machine", elfMachine(b.u16(18)));
        out.put("entry_point", "0x" + Long.toHexString(wide ? b.u64(24) : b.u32(24)));
        out.put("program_headers", b.u16(wide ? 56 : 44));
        out.put("section_headers", b.u16(wide ? 60 : 48));
        return out;
    }

    /** A thin (32/64-bit, either byte order) or fat Mach-O header. */
    static boolean isMachO(Bytes b) {
        if (!b.has(0, 8)) return false;
        long m = b.order(true).u32(0);
        if (m == 0xfeedfaceL || m == 0xfeedfacfL || m == 0xcefaedfeL || m == 0xcffaedfeL) return b.has(0, 28);
        long n = b.order(true).u32(4);
        return m == 0xcafebabeL && n > 0 && n <= MAX_FAT_ARCHS;
    }

    static ObjectNode machO(Bytes raw) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        long m = raw.order(true).u32(0);
        if (m == 0xcafebabeL) {
            Bytes b = raw.order(true);
            long n = b.u32(4);
            out.put("class", "Mach-O universal");
            ArrayNode archs = out.putArray("architectures");
            for (int i = 0; i < n && b.has(8 + 20L * i, 20); i++) {
                archs.add(cpu(b.u32(8 + 20L * i)));
            }
            return out;
        }
        boolean big = m == 0xfeedfaceL || m == 0xfeedfacfL;
        boolean wide = m == 0xfeedfacfL || m == 0xcffaedfeL;
        Bytes b = raw.order(big);
        out.put("class", wide ? "Mach-O 64-bit" : "Mach-O 32-bit");
        out.put("byte_order", big ? "big-endian" : "little-endian");
        out.put("cpu", cpu(b.u32(4)));
        long type = b.u32(12);
        out.put("type", switch ((int) type) {
            case 1 -> "object";
            case 2 -> "executable";
            case 6 -> "dylib";
            case 7 -> "dylinker";
            case 8 -> "bundle";
            case 11 -> "kext-bundle";
            default -> String.valueOf(type);
        });
        out.put("load_commands", b.u32(16));
        out.put("flags", "0x" + Long.toHexString(b.u32(24)));
        return out;
    }

    private static String cpu(long t) {
        return switch ((int) t) {
            case 7 -> "x86";
            case 0x01000007 -> "x86_64";
            case 12 -> "arm";
            case 0x0100000c -> "arm64";
            case 0x0200000c -> "arm64_32";
            case 18 -> "ppc";
            case 0x01000012 -> "ppc64";
            default -> "0x" + Long.toHexString(t);
        };
    }

    private static String osAbi(int a) {
        return switch (a) {
            case 0 -> "sysv";
            case 3 -> "linux";
            case 6 -> "solaris";
            case 9 -> "freebsd";
            case 12 -> "openbsd";
            default -> String.valueOf(a);
        };
    }

    private static String elfMachine(int m) {
        return switch (m) {
            case 3 -> "i386";
            case 8 -> "mips";
            case 20 -> "ppc";
            case 21 -> "ppc64";
            case 40 -> "arm";
            case 62 -> "x86_64";
            case 183 -> "aarch64";
            case 243 -> "riscv";
            default -> String.valueOf(m);
        };
    }
}
