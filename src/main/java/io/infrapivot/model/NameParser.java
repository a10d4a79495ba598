package io.infrapivot.model;

import com.ibm.icu.text.IDNA;
import com.ibm.icu.text.SpoofChecker;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Domain and host names: IDNA2008 via ICU4J's UTS #46 (non-transitional), LDH labels plus underscore,
 * length limits, and the domain/host decision by the Public Suffix List.
 */
final class NameParser {
    static final int MAX_NAME = 253;
    static final int MAX_LABEL = 63;

    private static final IDNA IDNA_UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII
            | IDNA.NONTRANSITIONAL_TO_UNICODE | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ | IDNA.CHECK_CONTEXTO);

    /** Errors this class checks itself (with clearer reasons), or accepts (hyphens in positions 3-4). */
    private static final Set<IDNA.Error> CHECKED_HERE = EnumSet.of(IDNA.Error.EMPTY_LABEL, IDNA.Error.LABEL_TOO_LONG,
            IDNA.Error.DOMAIN_NAME_TOO_LONG, IDNA.Error.HYPHEN_3_4);

    /** A parsed name: its ASCII and Unicode forms, its type (domain or host) and facts. */
    record Name(String ascii, String unicode, IndicatorType type, Details.Name details) {
        ParsedIndicator toParsed(List<String> notes) {
            return new ParsedIndicator(Indicator.fromCanonical(type, ascii), unicode, details, notes);
        }

        String tld() {
            return ascii.substring(ascii.lastIndexOf('.') + 1);
        }
    }

    /**
     * ICU's UTS #39 restriction level "highly restrictive": one script per label, or Latin with the scripts
     * written together with Han (Japanese, Chinese, Korean). A label beyond it ({@code pаypal} with a Cyrillic
     * а) is noted, never refused: such names are registered and must be looked up. Thread-safe once built.
     */
    private static final SpoofChecker MIXED_SCRIPTS = new SpoofChecker.Builder()
            .setChecks(SpoofChecker.RESTRICTION_LEVEL)
            .setRestrictionLevel(SpoofChecker.RestrictionLevel.HIGHLY_RESTRICTIVE).build();

    private final PublicSuffixList suffixes;

    NameParser(PublicSuffixList suffixes) {
        this.suffixes = suffixes;
    }

    /** Parses a name; adds "trailing dot dropped" and "unknown TLD" to {@code notes}. */
    Name parse(String text, List<String> notes) {
        String s = text;
        if (s.isEmpty()) throw new BadInput("empty name");
        if (s.endsWith(".") && !s.endsWith("..") && s.length() > 1) {
            s = s.substring(0, s.length() - 1);
            notes.add("trailing dot dropped");
        }
        checkCharacters(s);
        String ascii = toAscii(s);
        checkAscii(ascii);
        String unicode = toUnicode(ascii);
        String mixed = mixedScripts(unicode);
        if (mixed != null) notes.add(mixed);
        String tld = ascii.substring(ascii.lastIndexOf('.') + 1);
        if (tld.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BadInput("top-level label " + tld + " is all-numeric (not a name)");
        }
        return classify(ascii, unicode, notes);
    }

    private Name classify(String ascii, String unicode, List<String> notes) {
        PublicSuffixList.Match m = suffixes.match(ascii);
        int labels = (int) ascii.chars().filter(c -> c == '.').count() + 1;
        if (!m.knownTld()) {
            // the Public Suffix List's default rule "*": the TLD is the suffix, one label more the registrable
            // domain (names under TLDs newer than the list, .onion and private TLDs group as under any other)
            notes.add("unknown TLD");
            Details.Name d = new Details.Name(unicode, m.registrableDomain(), m.publicSuffix(), PublicSuffixList.NONE,
                    m.icannRegistrableDomain(), m.icannPublicSuffix(), false, false, labels);
            return new Name(ascii, unicode, labels <= 2 ? IndicatorType.DOMAIN : IndicatorType.HOST, d);
        }
        boolean isSuffix = m.registrableDomain() == null;
        Details.Name d = new Details.Name(unicode, m.registrableDomain(), m.publicSuffix(), m.section(),
                m.icannRegistrableDomain(), m.icannPublicSuffix(), isSuffix, true, labels);
        boolean domain = isSuffix || ascii.equals(m.registrableDomain());
        return new Name(ascii, unicode, domain ? IndicatorType.DOMAIN : IndicatorType.HOST, d);
    }

    /** "mixed scripts (Cyrillic, Latin)" for the first label that mixes scripts beyond UTS #39's highly restrictive. */
    static String mixedScripts(String unicode) {
        for (String label : unicode.split("\\.")) {
            if (label.chars().allMatch(c -> c < 0x80) || !MIXED_SCRIPTS.failsChecks(label)) continue;
            Set<String> scripts = new java.util.TreeSet<>();
            label.codePoints().mapToObj(Character.UnicodeScript::of)
                    .filter(sc -> sc != Character.UnicodeScript.COMMON && sc != Character.UnicodeScript.INHERITED)
                    .forEach(sc -> scripts.add(sc.name().charAt(0) + sc.name().substring(1).toLowerCase(Locale.ROOT)
                            .replace('_', ' ')));
            return "mixed scripts (" + String.join(", ", scripts) + ")";
        }
        return null;
    }

    private static void checkCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) throw new BadInput("space in name");
            if (Character.isISOControl(c)) throw new BadInput("control character in name");
            if (c < 0x80 && !isNameChar(c)) {
                throw new BadInput("character '" + c + "' not allowed in a name");
            }
        }
        for (String label : s.split("[.\u3002\uff0e\uff61]", -1)) {
            if (label.isEmpty()) throw new BadInput("empty label (a leading dot or two dots in a row)");
        }
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                || c == '.';
    }

    private static String toAscii(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        IDNA.Info info = new IDNA.Info();
        IDNA_UTS46.nameToASCII(s, out, info);
        Set<IDNA.Error> errors = EnumSet.noneOf(IDNA.Error.class);
        errors.addAll(info.getErrors());
        errors.removeAll(CHECKED_HERE);
        if (!errors.isEmpty()) throw new BadInput(idnaReason(errors.iterator().next()));
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static void checkAscii(String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            if (!isNameChar(c)) throw new BadInput("character '" + Safe.oneLine(String.valueOf(c))
                    + "' not allowed in a name (after IDNA mapping)");
        }
        for (String label : ascii.split("\\.", -1)) {
            if (label.isEmpty()) throw new BadInput("empty label (a leading dot or two dots in a row)");
            if (label.length() > MAX_LABEL) {
                throw BadInput.of("label longer than 63 octets (%d)", label.length());
            }
        }
        if (ascii.length() > MAX_NAME) throw BadInput.of("name longer than 253 octets (%d)", ascii.length());
    }

    private static String toUnicode(String ascii) {
        if (!ascii.contains("xn--")) return ascii;
        StringBuilder out = new StringBuilder(ascii.length());
        IDNA.Info info = new IDNA.Info();
        IDNA_UTS46.nameToUnicode(ascii, out, info);
        return info.hasErrors() ? ascii : out.toString();
    }

    private static String idnaReason(IDNA.Error e) {
        return switch (e) {
            case LEADING_HYPHEN -> "label starts with a hyphen";
            case TRAILING_HYPHEN -> "label ends with a hyphen";
            case LEADING_COMBINING_MARK -> "invalid IDN: label starts with a combining mark";
            case DISALLOWED -> "invalid IDN: disallowed character";
            case PUNYCODE -> "invalid IDN: bad punycode in an xn-- label";
            case LABEL_HAS_DOT -> "invalid IDN: a label holds a dot";
            case INVALID_ACE_LABEL -> "invalid IDN: xn-- label does not decode to a valid label";
            case BIDI -> "invalid IDN: violates the bidi rule (RFC 5893)";
            case CONTEXTJ -> "invalid IDN: zero-width joiner in a disallowed context";
            case CONTEXTO_PUNCTUATION, CONTEXTO_DIGITS -> "invalid IDN: character in a disallowed context";
            default -> "invalid IDN: " + e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }
}
