package io.infrapivot.source.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileReportTest {
    private static FileReport report(byte[] bytes) throws Exception {
        return FileReport.of(new ByteArrayInputStream(bytes));
    }

    @Test
    void hashesOfTheWholeFile() throws Exception {
        FileReport r = report("abc".getBytes());
        assertThat(r.md5()).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(r.sha1()).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(r.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(r.sha512()).startsWith("ddaf35a193617aba");
        assertThat(r.format()).isEqualTo("data");
        assertThat(r.size()).isEqualTo(3);
    }

    @Test
    void peHeaderFacts() throws Exception {
        FileReport r = report(TestBinaries.pe(null));
        assertThat(r.format()).isEqualTo("pe");
        JsonNode pe = r.toJson().get("pe");
        assertThat(pe.get("format").asText()).isEqualTo("PE32");
        assertThat(pe.get("machine").asText()).isEqualTo("i386");
        assertThat(pe.get("compile_time").asText()).isEqualTo("2020-09-13T12:26:40Z");
        assertThat(pe.get("entry_point").asText()).isEqualTo("0x1000");
        assertThat(pe.get("subsystem").asText()).isEqualTo("windows-gui");
        assertThat(pe.get("signed").asBoolean()).isFalse();
        // pefile's definition: "lib.func" lower case, .dll cut, ordinals as ordN, joined by commas, MD5
        // md5("kernel32.createfilea,kernel32.writefile,msvcrt.ord5")
        assertThat(pe.get("imphash").asText()).isEqualTo("bd277891bc63b9b30906f4b2093bca22");
        assertThat(pe.get("imports").get(0).get("dll").asText()).isEqualTo("KERNEL32.dll");
        assertThat(pe.get("imports").get(1).get("functions").get(0).asText()).isEqualTo("ord5");
        JsonNode text = pe.get("sections").get(0);
        assertThat(text.get("name").asText()).isEqualTo(".text");
        assertThat(text.get("entropy").asDouble()).isEqualTo(8.0);
        assertThat(pe.get("sections").get(1).get("name").asText()).isEqualTo(".idata");
        assertThat(pe.get("pdb").get("path").asText()).isEqualTo("C:\\build\\evil\\Release\\evil.pdb");
        assertThat(pe.get("pdb").get("age").asInt()).isEqualTo(3);
        assertThat(pe.get("pdb").get("guid").asText()).startsWith("a0a1a2a3");
        JsonNode rich = pe.get("rich_header");
        // MD5 of the decoded header from DanS up to Rich (pefile's get_rich_header_hash)
        assertThat(rich.get("hash").asText()).isEqualTo("e3fc995c592d71d366974d296ad129ea");
        assertThat(rich.get("entries").get(0).get("product").asInt()).isEqualTo(0x104);
        assertThat(rich.get("entries").get(0).get("build").asInt()).isEqualTo(30729);
        assertThat(rich.get("entries").get(0).get("count").asInt()).isEqualTo(5);
    }

    @Test
    void signerOfASignedPe() throws Exception {
        JsonNode pe = report(TestBinaries.pe(TestBinaries.pkcs7())).toJson().get("pe");
        assertThat(pe.get("signed").asBoolean()).isTrue();
        assertThat(pe.get("certificates")).hasSize(2);
        // the code-signing leaf, not the time-stamping one that comes first in the bag
        assertThat(pe.get("signer").get("subject").asText())
                .isEqualTo("CN=Example Signing Ltd,O=Example Signing Ltd,C=GB");
    }

    @Test
    void aSignatureThatIsNotPkcs7IsNoted() throws Exception {
        byte[] junk = new byte[64];
        Arrays.fill(junk, (byte) 0x41);
        JsonNode pe = report(TestBinaries.pe(junk)).toJson().get("pe");
        assertThat(pe.get("signed").asBoolean()).isTrue();
        assertThat(pe.has("signer")).isFalse();
        assertThat(pe.get("signature_note").asText()).contains("could not be read");
    }

    @Test
    void elfBasics() throws Exception {
        FileReport r = report(TestBinaries.elf());
        assertThat(r.format()).isEqualTo("elf");
        JsonNode elf = r.toJson().get("elf");
        assertThat(elf.get("class").asText()).isEqualTo("ELF64");
        assertThat(elf.get("byte_order").asText()).isEqualTo("little-endian");
        assertThat(elf.get("os_abi").asText()).isEqualTo("linux");
        assertThat(elf.get("type").asText()).isEqualTo("executable");
        assertThat(elf.get("machine").asText()).isEqualTo("x86_64");
        assertThat(elf.get("entry_point").asText()).isEqualTo("0x401000");
        assertThat(elf.get("section_headers").asInt()).isEqualTo(30);
    }

    @Test
    void machOBasics() throws Exception {
        FileReport r = report(TestBinaries.machO());
        assertThat(r.format()).isEqualTo("macho");
        JsonNode m = r.toJson().get("macho");
        assertThat(m.get("class").asText()).isEqualTo("Mach-O 64-bit");
        assertThat(m.get("cpu").asText()).isEqualTo("arm64");
        assertThat(m.get("type").asText()).isEqualTo("executable");
        assertThat(m.get("load_commands").asInt()).isEqualTo(17);
    }

    @Test
    void aJavaClassFileIsNotAFatMachO() throws Exception {
        byte[] cls = HexFormat.of().parseHex("cafebabe00000041000a0a000200030700040c");
        assertThat(report(cls).format()).isEqualTo("data");
    }

    @Test
    void headersPointingOutsideTheFileAreANoteNotACrash() throws Exception {
        byte[] pe = TestBinaries.pe(null);
        // cut inside the section table; and separately make e_lfanew point past the end
        FileReport cut = report(Arrays.copyOf(pe, 0x1C0));
        assertThat(cut.format()).isEqualTo("pe");
        byte[] far = pe.clone();
        far[0x3c] = (byte) 0xff;
        far[0x3d] = (byte) 0xff;
        far[0x3e] = (byte) 0xff;
        far[0x3f] = (byte) 0x7f;
        assertThat(report(far).format()).isEqualTo("data");
        // every truncation of the file reads without an exception
        for (int n = 0; n < pe.length; n += 7) {
            FileReport r = report(Arrays.copyOf(pe, n));
            assertThat(r.size()).isEqualTo(n);
        }
        // imports whose name RVAs point nowhere are skipped, not followed
        byte[] bad = pe.clone();
        for (int i = 0x400; i < 0x428; i++) bad[i] = (byte) 0xee;
        assertThat(report(bad).format()).isEqualTo("pe");
    }

    @Test
    void mutatedHeadersNeverThrow() throws Exception {
        // the bytes of a file are the attacker's: any change to the headers ends in facts or a note, never an exception
        java.util.Random random = new java.util.Random(15);
        for (byte[] base : java.util.List.of(TestBinaries.pe(TestBinaries.pkcs7()), TestBinaries.elf(),
                TestBinaries.machO())) {
            for (int round = 0; round < 1500; round++) {
                byte[] b = base.clone();
                int changes = 1 + random.nextInt(8);
                for (int c = 0; c < changes; c++) {
                    // mostly the headers (the first 0x200 bytes), where the offsets live
                    int at = random.nextInt(Math.min(b.length, random.nextBoolean() ? 0x200 : b.length));
                    b[at] = (byte) random.nextInt(256);
                }
                FileReport r = report(b);
                assertThat(r.size()).isEqualTo(b.length);
                assertThat(r.toJson().get("format").asText()).isIn("pe", "elf", "macho", "data");
            }
        }
    }
}
