package io.infrapivot.source.whois;

import io.infrapivot.source.registration.ContactBuilder;
import io.infrapivot.source.registration.RecordBuilder;
import io.infrapivot.source.registration.RegistrationDates;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JPRS (.jp) answers: {@code [Key]  value} lines, optionally prefixed {@code a.} (co.jp and other attribute
 * names), in English ({@code /e}) or Japanese. Dates without a zone are JST. Pairs after
 * "Contact Information:" describe the public contact (the admin).
 */
final class JprsParser {
    static final ZoneOffset JST = ZoneOffset.ofHours(9);
    private static final Pattern LINE = Pattern.compile("^\\s*(?:[a-z]\\.\\s*)?\\[(.+?)]\\s*(.*?)\\s*$");
    private static final Map<String, String> JAPANESE = Map.ofEntries(
            Map.entry("ドメイン名", "domain name"), Map.entry("ネームサーバ", "name server"),
            Map.entry("登録年月日", "created on"), Map.entry("有効期限", "expires on"),
            Map.entry("状態", "state"), Map.entry("最終更新", "last updated"),
            Map.entry("登録者名", "registrant"), Map.entry("組織名", "organization"),
            Map.entry("名前", "name"), Map.entry("電話番号", "phone"),
            Map.entry("住所", "postal address"), Map.entry("接続年月日", "connected date"));

    private static final Pattern UNTIL = Pattern.compile("\\((\\d{4}/\\d{2}/\\d{2})\\)");

    private JprsParser() {}

    private static final java.util.regex.Pattern LETTERED = java.util.regex.Pattern.compile(
            "(?m)^[a-z]\\. \\[(?:Domain Name|ドメイン名)]");

    static boolean looksJprs(String text) {
        // bracketed keys alone are not JPRS (.my, .kr print them too): its banner or its lettered lines are
        return text.contains("[ドメイン名]") || text.contains("JPRS") && (text.contains("[Domain Name]")
                || text.contains("[Name Server]")) || LETTERED.matcher(text).find();
    }

    static int parse(List<String> lines, RecordBuilder b) {
        int understood = 0;
        boolean contactPart = false;
        for (String l : lines) {
            if (l.strip().startsWith("Contact Information") || l.strip().startsWith("[公開連絡窓口]")) {
                contactPart = true;
                continue;
            }
            Matcher m = LINE.matcher(l);
            if (!m.matches()) continue;
            String key = JAPANESE.getOrDefault(m.group(1), WhoisText.normKey(m.group(1)));
            String value = m.group(2);
            if (value.isEmpty()) continue;
            ContactBuilder c = contactPart ? b.admin() : b.registrant();
            boolean ok = switch (key) {
                case "registrant" -> {
                    b.registrant().name(value);
                    yield true;
                }
                case "organization" -> {
                    c.organization(value);
                    yield true;
                }
                case "name", "email", "phone", "postal address" -> KeyMap.field(c, key, value);
                case "web page" -> true;
                case "state" -> {
                    // co.jp and the other attribute names: "Connected (2027/03/31)", the end of the paid period
                    Matcher until = UNTIL.matcher(value);
                    if (until.find()) b.expires(RegistrationDates.parse(until.group(1), JST));
                    KeyMap.statuses(b, value.replaceAll("\\s*\\(.*\\)", ""));
                    yield true;
                }
                case "signing key" -> {
                    b.dnssec(Boolean.TRUE);
                    yield true;
                }
                case "last update" -> {
                    KeyMap.apply(b, "last updated", value, JST);
                    yield true;
                }
                default -> KeyMap.apply(b, key, value, JST);
            };
            if (ok) understood++;
        }
        return understood;
    }
}
