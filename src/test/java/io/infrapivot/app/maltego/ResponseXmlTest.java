package io.infrapivot.app.maltego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The response writer with hostile strings, and the local transform's argument format. */
class ResponseXmlTest {
    static final String HOSTILE = "a<b>&\"c\"'d']]><!--x--><![CDATA[y]]>\u0000\u0001\u0008\u000b\u001f\ufffe\uffff"
            + "\ud800lone\udfffsurrogate😀\ttab\nline";

    @Test
    void hostileStringsAreEscapedAndCharactersXmlForbidsAreDropped() throws Exception {
        byte[] xml = ResponseXml.response(List.of(new ResponseXml.Entity("maltego.Person", HOSTILE, 100,
                List.of(new ResponseXml.Field("person.fullname", "Full \"Name\" <x>", true, HOSTILE),
                        new ResponseXml.Field("link#maltego.link.label", "Label", false, HOSTILE)),
                "<b>" + ResponseXml.html(HOSTILE) + "</b>")),
                List.of(new ResponseXml.Message(ResponseXml.Severity.PARTIAL, "source failed: " + HOSTILE)));
        String expected = "a<b>&\"c\"'d']]><!--x--><![CDATA[y]]>lonesurrogate😀\ttab\nline";
        MaltegoWorld.Response r = MaltegoWorld.read(xml);
        assertThat(r.entities()).hasSize(1);
        assertThat(r.entities().get(0).value()).isEqualTo(expected);
        assertThat(r.entities().get(0).field("person.fullname")).isEqualTo(expected);
        assertThat(r.entities().get(0).display()).startsWith("<b>a&lt;b&gt;&amp;").doesNotContain("<!--");
        assertThat(r.messages("PartialError")).containsExactly("source failed: " + expected);
        String raw = new String(xml, StandardCharsets.UTF_8);
        assertThat(raw).doesNotContain("<b>a<b>").doesNotContain("\u0000").doesNotContain("\ufffe");
    }

    @Test
    void cleanKeepsWhatXmlAllows() {
        assertThat(ResponseXml.clean("plain é 😀")).isEqualTo("plain é 😀");
        assertThat(ResponseXml.clean(null)).isEmpty();
        assertThat(ResponseXml.clean("\u0007bell")).isEqualTo("bell");
    }

    @Test
    void exceptionMessage() throws Exception {
        String raw = new String(ResponseXml.exception("bad <value> \u0001"), StandardCharsets.UTF_8);
        assertThat(raw).contains("<MaltegoTransformExceptionMessage><Exceptions><Exception>bad &lt;value&gt; </Exception>");
        TrxService.builder().parse(new java.io.ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void localArgumentsWithEscapes() {
        assertThat(LocalArgs.parse("fqdn=a.example.com#whois-info=x")).isEqualTo(Map.of("fqdn", "a.example.com", "whois-info", "x"));
        assertThat(LocalArgs.parse("note=a\\#b\\=c#k=v=w")).containsEntry("note", "a#b=c").containsEntry("k", "v=w");
        assertThat(LocalArgs.parse("noequals#=empty#k=")).containsExactly(Map.entry("k", ""));
        assertThat(LocalArgs.parse(null)).isEmpty();
        assertThatThrownBy(() -> LocalArgs.parse("k=" + "x".repeat(LocalArgs.MAX_CHARS))).isInstanceOf(IllegalArgumentException.class);
    }
}
