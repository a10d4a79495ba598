package io.infrapivot.app.export;

import static io.infrapivot.app.export.CaseFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.store.SqliteCaseStore;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV formula injection and quoting, HTML and Markdown with hostile WHOIS and DNS strings. */
class HostileStringsTest {
    @TempDir
    Path dir;
    SqliteCaseStore store;

    @BeforeEach
    void open() {
        store = CaseFixture.open(dir, "hostile");
        CaseFixture.fill(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void csvCellsThatCouldStartAFormulaAreNeutralisedAndQuoted() {
        assertThat(CsvWriter.cell("=1+2")).isEqualTo("\"'=1+2\"");
        assertThat(CsvWriter.cell("+1")).isEqualTo("\"'+1\"");
        assertThat(CsvWriter.cell("-1")).isEqualTo("\"'-1\"");
        assertThat(CsvWriter.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(CsvWriter.cell("\t=x")).isEqualTo("\"'\t=x\"");
        assertThat(CsvWriter.cell("\r=x")).isEqualTo("\"'\r=x\"");
        assertThat(CsvWriter.cell("\n=x")).isEqualTo("\"'\n=x\"");
        assertThat(CsvWriter.cell("a,\"b\"\nc")).isEqualTo("\"a,\"\"b\"\"\nc\"");
        assertThat(CsvWriter.cell("evil.example")).isEqualTo("\"evil.example\"");
    }

    @Test
    void theCsvExportReadsBackCellForCellAndNoCellStartsAFormula() {
        String csv = export(store, Format.CSV, ExportOptions.all());
        List<List<String>> rows = Csv.parse(csv);
        assertThat(rows.get(0)).isEqualTo(CsvWriter.HEADER);
        for (List<String> r : rows) {
            assertThat(r).hasSize(CsvWriter.HEADER.size());
            for (String cell : r) {
                assertThat(cell.isEmpty() || "=+-@\t\r\n".indexOf(cell.charAt(0)) < 0).as(cell).isTrue();
            }
        }
        // the hostile person name comes back whole once the neutralising quote is taken off
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get(0)).isEqualTo("node");
            assertThat(r.get(3)).isEqualTo("'" + FORMULA);
            assertThat(Csv.unneutralise(r.get(3))).isEqualTo(FORMULA);
        });
        // the TXT record with commas, quotes, CRLF and a DDE payload stays in its one cell
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get(0)).isEqualTo("attribute");
            assertThat(r.get(4)).isEqualTo("dns-record");
            assertThat(r.get(7)).contains("Evil, \\\"Inc\\\"\\r\\n=cmd|' /C calc'!A0");
        });
        // rows end in CRLF, as RFC 4180 says
        assertThat(csv).contains("\r\n").doesNotContain(",\n");
    }

    @Test
    void theHtmlReportRunsNothingFromTheData() {
        String html = export(store, Format.HTML, ExportOptions.all());
        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';");
        assertThat(html).contains("script-src 'none'");
        // no element, attribute or URL from the data: every tag in the page is one the writer writes
        Matcher m = Pattern.compile("<\\s*([a-zA-Z0-9!/]+)").matcher(html);
        while (m.find()) {
            assertThat(m.group(1).toLowerCase()).isIn("!doctype", "html", "/html", "head", "/head", "meta", "title",
                    "/title", "style", "/style", "body", "/body", "h1", "/h1", "h2", "/h2", "p", "/p", "ul", "/ul", "li",
                    "/li", "table", "/table", "tr", "/tr", "th", "/th", "td", "/td");
        }
        assertThat(html).doesNotContain("<script").doesNotContain("<img");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;");
        assertThat(html).contains("=HYPERLINK(&quot;http://evil.example/x&quot;,&quot;click&quot;)");
    }

    @Test
    void theReportHasEverySection() {
        String md = export(store, Format.MD, ExportOptions.all());
        for (String h : List.of("## Seeds", "## Strongest ties", "## Registration", "## Timeline", "## Marks",
                "## Sources consulted", "## Evidence index")) {
            assertThat(md).contains(h);
        }
        // a why path, the registration summary, the mark, the source's error and an evidence row
        assertThat(md).contains("—resolves\\-to→");
        assertThat(md).contains("shared\\-hosting");
        assertThat(md).contains("| virustotal |");
        assertThat(md).containsPattern("\\| 1 \\| dns \\|");
        assertThat(md).contains("Hostile Registrar, Inc\\.");
    }

    @Test
    void markdownEscapesMarkupLinksAndHtml() {
        String md = export(store, Format.MD, ExportOptions.all());
        assertThat(md).doesNotContain("<script").doesNotContain("<img").doesNotContain("](");
        assertThat(md).contains("&lt;script&gt;alert\\(1\\)&lt;/script&gt;");
        assertThat(Doc.md("[a](javascript:x) | `b` *c*")).isEqualTo(
                "\\[a\\]\\(javascript\\:x\\) \\| \\`b\\` \\*c\\*");
    }
}
