package io.infrapivot.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** URLs and email addresses: both carry a host that is parsed as its own indicator. */
final class UrlParser {
    static final int MAX_LOCAL_PART = 64;
    static final int MAX_EMAIL = 254;

    /** scheme :// authority path ? query # fragment */
    private static final Pattern URL = Pattern.compile(
            "^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([^?#]*)(?:\\?([^#]*))?(?:#(.*))?$", Pattern.DOTALL);
    private static final Pattern LOCAL_PART = Pattern.compile("^[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~.-]+$");
    private static final Map<String, Integer> DEFAULT_PORTS = Map.of("http", 80, "https", 443, "ftp", 21, "ftps", 990,
            "ws", 80, "wss", 443);

    private final NameParser names;

    UrlParser(NameParser names) {
        this.names = names;
    }

    /** A host as found in a URL authority or after an '@': IP (IPv6 in brackets in URLs) or a name. */
    private ParsedIndicator host(String text, List<String> notes) {
        if (text.startsWith("[")) {
            if (!text.endsWith("]")) throw new BadInput("unclosed '[' in the host");
            return IpParser.of(IpParser.address(text.substring(1, text.length() - 1), notes), null, List.of());
        }
        if (text.matches("^(?=.*\\d)[0-9.]+$")) {
            return IpParser.of(IpParser.ipv4(text), null, List.of());
        }
        return names.parse(text, notes).toParsed(List.of());
    }

    /** A URL with a scheme; {@code schemeAssumed} when the caller added http:// to scheme-less input. */
    ParsedIndicator url(String text, boolean schemeAssumed, List<String> notes) {
        if (text.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new BadInput("space or control character in a URL");
        }
        Matcher m = URL.matcher(text);
        if (!m.matches()) throw new BadInput("not a URL: expected scheme://host/path");
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String authority = m.group(2);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
            notes.add("userinfo dropped");
        }
        if (authority.isEmpty()) throw new BadInput("URL has no host");
        String hostText = authority;
        Integer port = null;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && colon > authority.lastIndexOf(']')) {
            hostText = authority.substring(0, colon);
            String p = authority.substring(colon + 1);
            if (!p.isEmpty()) {
                if (!p.chars().allMatch(c -> c >= '0' && c <= '9')) throw new BadInput("URL port is not a number");
                port = IpParser.port(p);
            }
        }
        if (port != null && port.equals(DEFAULT_PORTS.get(scheme))) port = null;
        if (hostText.contains(":") && !hostText.startsWith("[")) {
            throw new BadInput("an IPv6 address in a URL must be in brackets");
        }
        ParsedIndicator host = host(hostText, notes);
        String path = m.group(3).isEmpty() ? "/" : m.group(3);
        String query = m.group(4);
        if (m.group(5) != null) notes.add("fragment dropped");
        String hostValue = host.type() == IndicatorType.IP && host.value().contains(":")
                ? "[" + host.value() + "]" : host.value();
        String hostDisplay = host.type() == IndicatorType.IP ? hostValue : host.display();
        String tail = (port == null ? "" : ":" + port) + path + (query == null ? "" : "?" + query);
        String value = scheme + "://" + hostValue + tail;
        Details.Url d = new Details.Url(scheme, host.indicator(), host.details(), port, path, query, schemeAssumed);
        String display = scheme + "://" + hostDisplay + tail;
        return new ParsedIndicator(Indicator.fromCanonical(IndicatorType.URL, value), display, d, notes);
    }

    /** {@code local@domain}: the local part as given, the domain canonical. */
    ParsedIndicator email(String text, List<String> notes) {
        int at = text.lastIndexOf('@');
        if (at < 0 || text.indexOf('@') != at) throw new BadInput("not an email address: expected one '@'");
        String local = text.substring(0, at);
        String domainText = text.substring(at + 1);
        if (local.isEmpty()) throw new BadInput("email address has an empty local part");
        if (domainText.isEmpty()) throw new BadInput("email address has no domain");
        if (local.length() > MAX_LOCAL_PART) throw new BadInput("email local part longer than 64 characters");
        if (!LOCAL_PART.matcher(local).matches()) {
            throw new BadInput("email local part holds a character outside the allowed set"
                    + " (quoted local parts are not supported)");
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new BadInput("email local part has a leading, trailing or doubled dot");
        }
        if (domainText.startsWith("[")) throw new BadInput("email address literals ([ip]) are not supported");
        NameParser.Name domain = names.parse(domainText, notes);
        String value = local + "@" + domain.ascii();
        if (value.length() > MAX_EMAIL) throw new BadInput("email address longer than 254 characters");
        ParsedIndicator dom = domain.toParsed(List.of());
        return new ParsedIndicator(Indicator.fromCanonical(IndicatorType.EMAIL, value), local + "@" + domain.unicode(),
                new Details.Email(local, dom.indicator(), dom.details()), notes);
    }
}
