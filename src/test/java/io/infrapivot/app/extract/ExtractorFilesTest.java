package io.infrapivot.app.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.lingala.zip4j.model.ZipParameters;
import net.lingala.zip4j.model.enums.AesKeyStrength;
import net.lingala.zip4j.model.enums.EncryptionMethod;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real files of every kind, made here, through the whole extractor. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExtractorFilesTest {
    @TempDir
    Path dir;

    final List<Hit> hits = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();

    final Sink sink = new Sink() {
        @Override
        public void hit(Hit hit) {
            hits.add(hit);
        }

        @Override
        public void problem(Problem problem) {
            problems.add(problem);
        }
    };

    Extractor extractor(List<String> passwords) {
        return new Extractor(IndicatorScannerTest.PARSER, new Extractor.Options(true, passwords, 10, 1L << 30, 200,
                Allowlist.bundled()), sink);
    }

    List<String> found(Path file) throws IOException {
        extractor(List.of()).file(file, file.getFileName().toString());
        return values();
    }

    List<String> values() {
        return hits.stream().map(h -> h.type().id() + " " + h.value()).toList();
    }

    @Test
    void pdfTextAndLinkAnnotations() throws IOException {
        Path pdf = dir.resolve("report.pdf");
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(50, 700);
                cs.showText("Beacon to hxxp://pdf-c2[.]example[.]com/gate and 203.0.113.7");
                cs.endText();
            }
            PDAnnotationLink link = new PDAnnotationLink();
            link.setRectangle(new PDRectangle(50, 600, 100, 20));
            PDActionURI uri = new PDActionURI();
            uri.setURI("https://pdf-link.example.net/payload");
            link.setAction(uri);
            page.getAnnotations().add(link);
            doc.getDocumentInformation().setProducer("Producer of metadata-host.example.org");
            doc.save(pdf.toFile());
        }
        assertThat(found(pdf)).contains("url http://pdf-c2.example.com/gate", "ip 203.0.113.7",
                "url https://pdf-link.example.net/payload");
        assertThat(hits).filteredOn(h -> h.value().equals("ip 203.0.113.7")).allMatch(h -> h.file().equals("report.pdf"));
    }

    @Test
    void docxTextAndHyperlinks() throws IOException {
        Path docx = dir.resolve("memo.docx");
        try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(docx)) {
            XWPFParagraph p = doc.createParagraph();
            p.createRun().setText("Contact ops[@]docx-actor[.]org about 198.51.100.23 ");
            p.createHyperlinkRun("https://docx-link.example.com/login").setText("click here");
            doc.write(out);
        }
        assertThat(found(docx)).contains("email ops@docx-actor.org", "ip 198.51.100.23",
                "url https://docx-link.example.com/login").noneMatch(v -> v.contains("openxmlformats"));
        assertThat(problems).isEmpty();
    }

    @Test
    void odfTextAndLinksThroughTika() throws IOException {
        Path odt = dir.resolve("memo.odt");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(odt))) {
            byte[] type = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            ZipEntry mime = new ZipEntry("mimetype");
            mime.setMethod(ZipEntry.STORED);
            mime.setSize(type.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(type);
            mime.setCrc(crc.getValue());
            z.putNextEntry(mime);
            z.write(type);
            z.putNextEntry(new ZipEntry("META-INF/manifest.xml"));
            z.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest"
                    + " xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">"
                    + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
                    + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
                    + "</manifest:manifest>").getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("content.xml"));
            z.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content"
                    + " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                    + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
                    + " xmlns:xlink=\"http://www.w3.org/1999/xlink\" office:version=\"1.2\"><office:body><office:text>"
                    + "<text:p>Beacon to odt-actor[.]net and 198.51.100.77 </text:p>"
                    + "<text:p><text:a xlink:type=\"simple\" xlink:href=\"https://odt-link.example.com/gate\">here</text:a></text:p>"
                    + "</office:text></office:body></office:document-content>").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(found(odt)).contains("domain odt-actor.net", "ip 198.51.100.77",
                "url https://odt-link.example.com/gate");
        // read as a document by Tika's ODF parser, not unpacked as an archive of XML parts
        assertThat(hits).allSatisfy(h -> assertThat(h.path()).doesNotContain("content.xml"));
    }

    @Test
    void emlHeadersBodiesAndAttachmentsRecursed() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("notes/inner.txt"));
            z.write("second stage at 192.0.2.99 and stage2.example.net".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        String b64 = Base64.getMimeEncoder().encodeToString(zip.toByteArray());
        String eml = String.join("\r\n",
                "Return-Path: <bounce@sender.example.com>",
                "Received: from mail.sender.example.com (mail.sender.example.com [203.0.113.45])",
                "\tby mx.victim.example.org with ESMTP id abc; Mon, 1 Jan 2024 10:00:00 +0000",
                "DKIM-Signature: v=1; a=rsa-sha256; d=dkim-signer.example.com; s=sel; b=abc",
                "From: Attacker <attacker@sender.example.com>",
                "Reply-To: replies@reply.example.net",
                "To: victim@victim.example.org",
                "Subject: invoice",
                "Date: Mon, 1 Jan 2024 10:00:00 +0000",
                "Message-ID: <1234@msgid.example.com>",
                "X-Originating-IP: [198.51.100.77]",
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"XX\"",
                "",
                "--XX",
                "Content-Type: multipart/alternative; boundary=\"YY\"",
                "",
                "--YY",
                "Content-Type: text/plain; charset=utf-8",
                "",
                "Please pay at hxxps://pay[.]phish[.]example[.]com/inv",
                "--YY",
                "Content-Type: text/html; charset=utf-8",
                "",
                "<html><body><a href=\"http://html-link.example.com/track\">pay</a></body></html>",
                "--YY--",
                "--XX",
                "Content-Type: application/zip; name=\"docs.zip\"",
                "Content-Disposition: attachment; filename=\"docs.zip\"",
                "Content-Transfer-Encoding: base64",
                "",
                b64,
                "--XX--",
                "");
        Path file = dir.resolve("phish.eml");
        Files.writeString(file, eml, StandardCharsets.UTF_8);
        assertThat(found(file)).contains("email bounce@sender.example.com", "ip 203.0.113.45",
                "host mail.sender.example.com", "email replies@reply.example.net", "host dkim-signer.example.com", "host msgid.example.com",
                "ip 198.51.100.77", "url https://pay.phish.example.com/inv", "url http://html-link.example.com/track",
                "ip 192.0.2.99", "host stage2.example.net");
        Hit inner = hits.stream().filter(h -> h.value().equals("192.0.2.99")).findFirst().orElseThrow();
        assertThat(inner.path()).endsWith("docs.zip!/notes/inner.txt");
        Hit received = hits.stream().filter(h -> h.value().equals("203.0.113.45")).findFirst().orElseThrow();
        assertThat(received.offset()).isEqualTo(eml.indexOf("203.0.113.45"));
        assertThat(received.path()).isEmpty();
    }

    @Test
    void passwordZipsWithDefaultAndGivenPasswords() throws IOException {
        Path aes = dir.resolve("sample.zip");
        addEncrypted(aes, "infected", EncryptionMethod.AES, "payload.txt", "c2 at malware-c2.example.com");
        Path crypto = dir.resolve("given.zip");
        addEncrypted(crypto, "s3cret", EncryptionMethod.ZIP_STANDARD, "x.txt", "beacon 192.0.2.10");
        Extractor e = extractor(List.of("s3cret"));
        e.file(aes, "sample.zip");
        e.file(crypto, "given.zip");
        assertThat(values()).contains("host malware-c2.example.com", "ip 192.0.2.10");
        assertThat(problems).isEmpty();

        hits.clear();
        extractor(List.of()).file(crypto, "given.zip");
        assertThat(hits).isEmpty();
        assertThat(problems).extracting(Problem::kind).containsExactly(Problem.Kind.PASSWORD);
    }

    private static void addEncrypted(Path zip, String password, EncryptionMethod method, String name, String text)
            throws IOException {
        ZipParameters p = new ZipParameters();
        p.setEncryptFiles(true);
        p.setEncryptionMethod(method);
        if (method == EncryptionMethod.AES) p.setAesKeyStrength(AesKeyStrength.KEY_STRENGTH_256);
        p.setFileNameInZip(name);
        try (net.lingala.zip4j.ZipFile z = new net.lingala.zip4j.ZipFile(zip.toFile(), password.toCharArray())) {
            z.addStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), p);
        }
    }

    @Test
    void zipBombIsReportedNotFollowedAndTheOtherEntriesAreRead() throws IOException {
        Path bomb = dir.resolve("bomb.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(bomb))) {
            z.putNextEntry(new ZipEntry("ok.txt"));
            z.write("fine.example.com".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
            z.putNextEntry(new ZipEntry("zeros.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) z.write(zeros);
            z.closeEntry();
        }
        assertThat(Files.size(bomb)).isLessThan(1 << 20);
        assertThat(found(bomb)).containsExactly("host fine.example.com");
        assertThat(problems).extracting(Problem::kind, Problem::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Problem.Kind.BOMB, "zeros.bin"));
    }

    @Test
    void gzipBombInATarIsStoppedByTheRatio() throws IOException {
        Path gz = dir.resolve("zeros.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) out.write(zeros);
        }
        assertThat(found(gz)).isEmpty();
        assertThat(problems).extracting(Problem::kind).containsExactly(Problem.Kind.BOMB);
    }

    @Test
    void tarGzAnd7zAndNesting() throws IOException {
        Path tgz = dir.resolve("bundle.tar.gz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(tgz)))) {
            byte[] body = "tar entry names tar-c2.example.org".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry("dir/a.log");
            e.setSize(body.length);
            tar.putArchiveEntry(e);
            tar.write(body);
            tar.closeArchiveEntry();
        }
        Path sz = dir.resolve("pack.7z");
        try (SevenZOutputFile out = new SevenZOutputFile(sz.toFile())) {
            SevenZArchiveEntry e = out.createArchiveEntry(dir.resolve("bundle.tar.gz").toFile(), "inner/bundle.tar.gz");
            out.putArchiveEntry(e);
            out.write(Files.readAllBytes(tgz));
            out.closeArchiveEntry();
        }
        assertThat(found(sz)).containsExactly("host tar-c2.example.org");
        assertThat(hits.get(0).path()).isEqualTo("inner/bundle.tar.gz!/bundle.tar!/dir/a.log");
        assertThat(hits.get(0).offset()).isEqualTo(16);
    }

    @Test
    void binaryStringsAsciiAndUtf16() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {'M', 'Z', 0, 0, 1, 2, 3});
        b.write("http://bin-c2.example.com/x".getBytes(StandardCharsets.US_ASCII));
        b.write(new byte[] {0, 0, 7, 0});
        int wideAt = b.size();
        b.write("wide-c2.example.net".getBytes(StandardCharsets.UTF_16LE));
        b.write(new byte[] {0, 0, (byte) 0xff});
        Path bin = dir.resolve("sample.exe");
        Files.write(bin, b.toByteArray());
        assertThat(found(bin)).contains("url http://bin-c2.example.com/x", "host bin-c2.example.com",
                "host wide-c2.example.net");
        Hit wide = hits.stream().filter(h -> h.value().equals("wide-c2.example.net")).findFirst().orElseThrow();
        assertThat(wide.offset()).isEqualTo(wideAt);
    }

    @Test
    void rtfThroughTika() throws IOException {
        Path rtf = dir.resolve("note.rtf");
        Files.writeString(rtf, "{\\rtf1\\ansi{\\fonttbl\\f0\\fswiss Helvetica;}\\f0\\pard Visit rtf-c2.example.com now.\\par}");
        assertThat(found(rtf)).contains("host rtf-c2.example.com");
    }

    @Test
    void depthLimit() throws IOException {
        byte[] data = "deep.example.com".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 4; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream gz = new GZIPOutputStream(out)) {
                gz.write(data);
            }
            data = out.toByteArray();
        }
        Path f = dir.resolve("deep.gz");
        Files.write(f, data);
        new Extractor(IndicatorScannerTest.PARSER, new Extractor.Options(true, List.of(), 2, 1L << 30, 200,
                Allowlist.bundled()), sink).file(f, "deep.gz");
        assertThat(hits).isEmpty();
        assertThat(problems).extracting(Problem::kind).containsExactly(Problem.Kind.DEPTH);
    }
}
