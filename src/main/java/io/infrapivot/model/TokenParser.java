package io.infrapivot.model;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The single-token indicator types: AS numbers, hashes, certificate fingerprints, analytics IDs, phones,
 * and names of organisations and people.
 */
final class TokenParser {
    static final long MAX_ASN = 4294967295L;
    static final int MAX_TEXT = 256;

    private static final Pattern ASN = Pattern.compile("^(?i)(?:asn?\\s*)(\\d+(?:\\.\\d+)?)$");
    private static final Pattern ASN_BARE = Pattern.compile("^(\\d+(?:\\.\\d+)?)$");
    private static final Pattern HEX = Pattern.compile("^[0-9a-fA-F]+$");
    private static final Pattern TLSH = Pattern.compile("^(?:[Tt]1)?([0-9a-fA-F]{70})$");
    private static final Pattern SSDEEP = Pattern.compile("^(\\d{1,10}):([A-Za-z0-9/+]{1,64}):([A-Za-z0-9/+]{1,128})$");
    private static final Pattern PHONE = Pattern.compile("^\\+[0-9 .()\\-]+$");
    private static final Map<Integer, String> HEX_ALGORITHMS = Map.of(32, "md5", 40, "sha1", 56, "sha224",
            64, "sha256", 96, "sha384", 128, "sha512");

    /** Analytics/ad IDs: pattern, kind, how to canonicalise. */
    private record IdForm(Pattern pattern, String kind, String prefix) {}

    private static final List<IdForm> ID_FORMS = List.of(
            new IdForm(Pattern.compile("^(?i)UA-(\\d{1,12}-\\d{1,5})$"), "google-analytics-ua", "UA-"),
            new IdForm(Pattern.compile("^(?i)G-([A-Z0-9]{6,12})$"), "google-analytics-ga4", "G-"),
            new IdForm(Pattern.compile("^(?i)GTM-([A-Z0-9]{4,10})$"), "google-tag-manager", "GTM-"),
            new IdForm(Pattern.compile("^(?i)(?:ca-)?pub-(\\d{10,20})$"), "google-adsense", "ca-pub-"),
            new IdForm(Pattern.compile("^(?i)AW-(\\d{6,12})$"), "google-ads", "AW-"));

    /** Two-digit ITU calling codes; 1 and 7 are one digit; everything else is read as three digits. */
    private static final Set<String> CC2 = Set.of("20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41",
            "43", "44", "45", "46", "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62",
            "63", "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98");

    private TokenParser() {}

    static boolean looksLikeAsn(String s) {
        return ASN.matcher(s).matches();
    }

    /** {@code AS15169}, {@code ASN 15169}, asdot {@code AS1.10}; {@code bareAllowed} also takes {@code 15169}. */
    static ParsedIndicator asn(String text, boolean bareAllowed, List<String> notes) {
        Matcher m = ASN.matcher(text);
        Matcher bare = ASN_BARE.matcher(text);
        String num;
        if (m.matches()) num = m.group(1);
        else if (bareAllowed && bare.matches()) num = bare.group(1);
        else throw new BadInput("not an AS number: expected AS followed by a number (AS15169, AS1.10)");
        long n;
        int dot = num.indexOf('.');
        if (dot >= 0) {
            long hi = parseBounded(num.substring(0, dot), 65535, "asdot high part");
            long lo = parseBounded(num.substring(dot + 1), 65535, "asdot low part");
            n = hi * 65536 + lo;
        } else {
            n = parseBounded(num, MAX_ASN, "AS number");
        }
        return asn(n, notes);
    }

    static ParsedIndicator asn(long n, List<String> notes) {
        String value = "AS" + n;
        return new ParsedIndicator(Indicator.fromCanonical(IndicatorType.ASN, value), value,
                new Details.Asn(n, asnFlags(n)), notes);
    }

    private static long parseBounded(String digits, long max, String what) {
        String d = digits.replaceFirst("^0+(?=\\d)", "");
        if (d.length() > 10 || Long.parseLong(d) > max) {
            throw new BadInput(what + " " + Safe.truncate(digits, 24) + " out of range (0-" + max + ")");
        }
        return Long.parseLong(d);
    }

    static Set<String> asnFlags(long n) {
        Set<String> f = new LinkedHashSet<>();
        if ((n >= 64512 && n <= 65534) || (n >= 4200000000L && n <= 4294967294L)) f.add("private");
        if (n == 0 || n == 23456 || n == 65535 || n == MAX_ASN || (n >= 65552 && n <= 131071)) f.add("reserved");
        if ((n >= 64496 && n <= 64511) || (n >= 65536 && n <= 65551)) f.add("documentation");
        if (n > 65535) f.add("4-byte");
        return Collections.unmodifiableSet(f);
    }

    /** A hash of the kind its form says; {@code algorithm} non-null when a prefix named it. */
    static ParsedIndicator hash(String text, String algorithm, List<String> notes) {
        String alg = guessHash(text);
        if (alg == null) {
            throw new BadInput(algorithm == null ? "not a hash: expected 32, 40, 56, 64, 96 or 128 hex digits,"
                    + " an ssdeep or a TLSH digest" : "not a " + algorithm + " hash: " + expected(algorithm));
        }
        if (algorithm != null && !algorithm.equals(alg)) {
            throw new BadInput("not a " + algorithm + " hash: " + expected(algorithm)
                    + " (this looks like " + alg + ")");
        }
        String value = switch (alg) {
            case "ssdeep" -> text;
            case "tlsh" -> {
                Matcher m = TLSH.matcher(text);
                m.matches();
                yield "T1" + m.group(1).toLowerCase(Locale.ROOT);
            }
            default -> text.toLowerCase(Locale.ROOT);
        };
        return new ParsedIndicator(Indicator.fromCanonical(IndicatorType.HASH, value), value, new Details.Hash(alg),
                notes);
    }

    /** The hash algorithm the text's form implies, or null. */
    static String guessHash(String text) {
        if (TLSH.matcher(text).matches()) return "tlsh";
        if (HEX.matcher(text).matches()) return HEX_ALGORITHMS.get(text.length());
        Matcher m = SSDEEP.matcher(text);
        if (m.matches() && isSsdeepBlockSize(m.group(1))) return "ssdeep";
        return null;
    }

    private static boolean isSsdeepBlockSize(String digits) {
        long b = Long.parseLong(digits);
        if (b < 3 || b % 3 != 0) return false;
        long k = b / 3;
        return (k & (k - 1)) == 0;
    }

    static boolean isHashAlgorithm(String name) {
        return HEX_ALGORITHMS.containsValue(name) || name.equals("ssdeep") || name.equals("tlsh");
    }

    private static String expected(String algorithm) {
        return switch (algorithm) {
            case "ssdeep" -> "expected blocksize:hash:hash";
            case "tlsh" -> "expected T1 and 70 hex digits";
            default -> "expected " + HEX_ALGORITHMS.entrySet().stream().filter(e -> e.getValue().equals(algorithm))
                    .findFirst().map(Map.Entry::getKey).orElse(0) + " hex digits";
        };
    }

    /** A certificate fingerprint: SHA-256 (64 hex) or SHA-1 (40 hex), colons allowed. */
    private static final java.util.regex.Pattern SERIAL_ISSUER = java.util.regex.Pattern.compile(
            "(?i)serial:([0-9a-f:]{1,128});issuer:(.{1,512})");

    static ParsedIndicator cert(String text, List<String> notes) {
        Matcher si = SERIAL_ISSUER.matcher(text);
        if (si.matches()) {
            // no fingerprint known (crt.sh gives none): the issuer and serial name the certificate
            String serial = si.group(1).replace(":", "").toLowerCase(Locale.ROOT).replaceFirst("^0+(?=.)", "");
            String issuer = si.group(2).strip().replaceAll("\\s*,\\s*", ", ").replaceAll("\\s+", " ");
            if (issuer.isEmpty() || issuer.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new BadInput("not a certificate issuer: empty or control characters");
            }
            String value = "serial:" + serial + ";issuer:" + issuer;
            return new ParsedIndicator(Indicator.fromCanonical(IndicatorType.CERT, value), value, new Details.None(), notes);
        }
        String hex = text.replace(":", "");
        if (!HEX.matcher(hex).matches() || (hex.length() != 64 && hex.length() != 40)) {
            throw new BadInput("not a certificate: expected a 64 (SHA-256) or 40 (SHA-1) hex fingerprint, or serial:HEX;issuer:DN");
        }
        String value = hex.toLowerCase(Locale.ROOT);
        return new ParsedIndicator(Indicator.fromCanonical(IndicatorType.CERT, value), value, new Details.None(),
                notes);
    }

    static boolean looksLikeAnalyticsId(String s) {
        return ID_FORMS.stream().anyMatch(f -> f.pattern.matcher(s).matches()) || AnalyticsIds.canonical(s).isPresent();
    }

    static ParsedIndicator analyticsId(String text, List<String> notes) {
        for (IdForm f : ID_FORMS) {
            Matcher m = f.pattern.matcher(text);
            if (!m.matches()) continue;
            String value = f.prefix + m.group(1).toUpperCase(Locale.ROOT);
            String property = f.kind.equals("google-analytics-ua")
                    ? value.substring(0, value.lastIndexOf('-')) : null;
            return new ParsedIndicator(Indicator.fromCanonical(IndicatorType.ANALYTICS_ID, value), value,
                    new Details.AnalyticsId(f.kind, property), notes);
        }
        var other = AnalyticsIds.canonical(text); // Yandex, Facebook, Hotjar, Matomo, Baidu in their prefixed forms
        if (other.isPresent()) {
            String value = other.get().value();
            return new ParsedIndicator(Indicator.fromCanonical(IndicatorType.ANALYTICS_ID, value), value,
                    new Details.AnalyticsId(other.get().kind(), null), notes);
        }
        throw new BadInput("not an analytics ID: expected UA-N-N, G-X, GTM-X, ca-pub-N, AW-N, YM-N, FB-N, HJ-N,"
                + " MATOMO-HOST-N or BAIDU-HEX");
    }

    /** {@code +1.5555551234}, {@code +44 20 7946 0958}, {@code +1 (555) 555-1234} to E.164. */
    static ParsedIndicator phone(String text, List<String> notes) {
        String t = text.startsWith("00") ? "+" + text.substring(2) : text;
        if (!PHONE.matcher(t).matches()) {
            throw new BadInput("not a phone number: expected + then digits"
                    + " (spaces, dots, dashes and parentheses allowed)");
        }
        String digits = t.replaceAll("[^0-9]", "");
        if (digits.length() < 7 || digits.length() > 15) {
            throw BadInput.of("not a phone number: %d digits, E.164 allows 7 to 15 here", digits.length());
        }
        if (digits.charAt(0) == '0') throw new BadInput("not a phone number: a country code never starts with 0");
        String value = "+" + digits;
        return new ParsedIndicator(Indicator.fromCanonical(IndicatorType.PHONE, value), value,
                new Details.Phone(countryCode(digits)), notes);
    }

    static String countryCode(String digits) {
        if (digits.startsWith("1") || digits.startsWith("7")) return digits.substring(0, 1);
        if (CC2.contains(digits.substring(0, 2))) return digits.substring(0, 2);
        return digits.substring(0, 3);
    }

    /** An organisation or person name: trimmed, whitespace collapsed, case kept. */
    static ParsedIndicator text(IndicatorType type, String text, List<String> notes) {
        String value = text.strip().replaceAll("\\s+", " ");
        if (value.isEmpty()) throw new BadInput("empty " + type.id() + " name");
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) || (c <= 0xffff && Safe.needsEscape((char) c))
                || Character.getType(c) == Character.FORMAT && c != 0x200d)) {
            throw new BadInput("control or formatting character in " + type.id() + " name");
        }
        if (value.length() > MAX_TEXT) {
            throw BadInput.of("%s name longer than %d characters", type.id(), MAX_TEXT);
        }
        return new ParsedIndicator(Indicator.fromCanonical(type, value), value, new Details.None(), notes);
    }
}
