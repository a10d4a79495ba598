package io.infrapivot.model;

import com.ibm.icu.text.IDNA;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The Public Suffix List, read from the list's own file format (ICANN and PRIVATE sections, wildcards,
 * exceptions). The bundled copy is dated; a newer copy fetched by {@code update-data} replaces it.
 *
 * <p>Rules are held in three hash maps (plain rules, wildcard rules keyed by their parent, exception
 * rules); IDN rules are converted to punycode when loading, so {@link #match} works on ASCII names.
 * The algorithm is the one described at publicsuffix.org: an exception rule wins, otherwise the matching
 * rule with the most labels, otherwise the default rule {@code *}.
 */
public final class PublicSuffixList {
    /** Section names as reported in {@link Match#section()}. */
    public static final String ICANN = "icann";
    public static final String PRIVATE = "private";
    public static final String NONE = "none";

    /** A real list has thousands of rules; fewer than this means the file is not a Public Suffix List. */
    static final int MIN_RULES = 1000;

    private static final String RESOURCE = "public_suffix_list.dat";
    private static final String RESOURCE_PROPS = "public_suffix_list.properties";
    private static final Pattern RULE_NAME = Pattern.compile("^[a-z0-9_-]+(?:\\.[a-z0-9_-]+)*$");
    private static final byte IN_ICANN = 1;
    private static final byte IN_PRIVATE = 2;
    private static final byte ANY = IN_ICANN | IN_PRIVATE;

    /** Result of matching one ASCII (punycode) name. */
    public record Match(String publicSuffix, String registrableDomain, String section,
                        String icannPublicSuffix, String icannRegistrableDomain, boolean knownTld) {}

    private final Map<String, Byte> rules;
    private final Map<String, Byte> wildcards;
    private final Map<String, Byte> exceptions;
    private final LocalDate date;
    private final String origin;
    private final int ruleCount;

    private PublicSuffixList(Map<String, Byte> rules, Map<String, Byte> wildcards, Map<String, Byte> exceptions,
                             LocalDate date, String origin, int ruleCount) {
        this.rules = rules;
        this.wildcards = wildcards;
        this.exceptions = exceptions;
        this.date = date;
        this.origin = origin;
        this.ruleCount = ruleCount;
    }

    /**
     * Reads a list in the publicsuffix.org format; {@code date} is the list's date, {@code origin} where it
     * came from.
     *
     * @throws IllegalArgumentException when the text is not a Public Suffix List (no ICANN section, far too
     *                                  few rules, or a rule that is not a name)
     */
    public static PublicSuffixList parse(InputStream in, LocalDate date, String origin) {
        return parse(in, date, origin, MIN_RULES);
    }

    /** As {@link #parse(InputStream, LocalDate, String)} with a smaller rule floor (tests with tiny lists). */
    static PublicSuffixList parse(InputStream in, LocalDate date, String origin, int minRules) {
        Objects.requireNonNull(in, "in");
        Map<String, Byte> rules = new HashMap<>();
        Map<String, Byte> wildcards = new HashMap<>();
        Map<String, Byte> exceptions = new HashMap<>();
        IDNA idna = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII);
        boolean sawIcann = false;
        byte section = 0;
        int count = 0;
        int lineNo = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
                String t = line.strip();
                if (t.startsWith("//")) {
                    if (t.contains("===BEGIN ICANN DOMAINS===")) {
                        section = IN_ICANN;
                        sawIcann = true;
                    } else if (t.contains("===BEGIN PRIVATE DOMAINS===")) {
                        section = IN_PRIVATE;
                    } else if (t.contains("===END ")) {
                        section = 0;
                    }
                    continue;
                }
                if (t.isEmpty()) continue;
                // a rule is the first whitespace-delimited word of the line
                String rule = t.split("\\s+", 2)[0];
                if (section == 0) continue; // rules outside the sections are not part of the list
                addRule(rule, section, idna, rules, wildcards, exceptions, lineNo);
                count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the public suffix list", e);
        }
        if (!sawIcann) {
            throw new IllegalArgumentException("not a public suffix list: no ===BEGIN ICANN DOMAINS=== section");
        }
        if (count < minRules) {
            throw new IllegalArgumentException(
                    "not a public suffix list: only " + count + " rules (a real list has thousands)");
        }
        return new PublicSuffixList(Map.copyOf(rules), Map.copyOf(wildcards), Map.copyOf(exceptions), date, origin,
                count);
    }

    private static void addRule(String rule, byte section, IDNA idna, Map<String, Byte> rules,
                                Map<String, Byte> wildcards, Map<String, Byte> exceptions, int lineNo) {
        Map<String, Byte> target = rules;
        String name = rule;
        if (name.startsWith("!")) {
            target = exceptions;
            name = name.substring(1);
        } else if (name.startsWith("*.")) {
            target = wildcards;
            name = name.substring(2);
        }
        String ascii = toAscii(name, idna);
        if (ascii == null || !RULE_NAME.matcher(ascii).matches()) {
            throw new IllegalArgumentException("not a public suffix list: line " + lineNo + " holds no valid rule: "
                    + Safe.oneLine(Safe.truncate(rule, 80)));
        }
        target.merge(ascii, section, (a, b) -> (byte) (a | b));
    }

    private static String toAscii(String name, IDNA idna) {
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".")) return null;
        boolean ascii = name.chars().allMatch(c -> c < 0x80);
        if (ascii) return name.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        IDNA.Info info = new IDNA.Info();
        idna.nameToASCII(name, out, info);
        return info.hasErrors() ? null : out.toString();
    }

    /** The copy shipped in the jar (resource io/infrapivot/model/public_suffix_list.dat with its .properties). */
    public static PublicSuffixList bundled() {
        return Bundled.LIST;
    }

    private static final class Bundled {
        static final PublicSuffixList LIST = load();

        private static PublicSuffixList load() {
            Properties props = new Properties();
            try (InputStream p = PublicSuffixList.class.getResourceAsStream(RESOURCE_PROPS);
                 InputStream in = PublicSuffixList.class.getResourceAsStream(RESOURCE)) {
                if (p == null || in == null) throw new IllegalStateException("bundled public suffix list missing");
                props.load(new InputStreamReader(p, StandardCharsets.UTF_8));
                return parse(in, LocalDate.parse(props.getProperty("date")), props.getProperty("origin"));
            } catch (IOException | DateTimeParseException e) {
                throw new IllegalStateException("cannot read the bundled public suffix list", e);
            }
        }
    }

    public LocalDate date() {
        return date;
    }

    public String origin() {
        return origin;
    }

    public int ruleCount() {
        return ruleCount;
    }

    /** Matches a lower-case ASCII name without trailing dot. */
    public Match match(String asciiName) {
        Objects.requireNonNull(asciiName, "asciiName");
        String name = asciiName.toLowerCase(Locale.ROOT);
        int[] starts = labelStarts(name);
        Found whole = find(name, starts, ANY);
        Found icann = whole.section == IN_ICANN || whole.section == 0 ? whole : find(name, starts, IN_ICANN);
        String tld = name.substring(starts[starts.length - 1]);
        boolean known = rules.containsKey(tld) || wildcards.containsKey(tld);
        return new Match(suffix(name, starts, whole.labels), registrable(name, starts, whole.labels),
                sectionName(whole.section), suffix(name, starts, icann.labels),
                registrable(name, starts, icann.labels), known);
    }

    /** Number of labels of the public suffix and the section of the prevailing rule (0 = default rule). */
    private record Found(int labels, byte section) {}

    private Found find(String name, int[] starts, byte mask) {
        int n = starts.length;
        for (int i = 0; i < n; i++) {
            String suffix = name.substring(starts[i]);
            Byte ex = exceptions.get(suffix);
            if (ex != null && (ex & mask) != 0) {
                return new Found(n - i - 1, (byte) (ex & mask));
            }
            if (i > 0) {
                Byte wc = wildcards.get(suffix);
                if (wc != null && (wc & mask) != 0) return new Found(n - i + 1, preferIcann(wc & mask));
            }
            Byte plain = rules.get(suffix);
            if (plain != null && (plain & mask) != 0) return new Found(n - i, preferIcann(plain & mask));
        }
        return new Found(1, (byte) 0);
    }

    private static byte preferIcann(int bits) {
        return (bits & IN_ICANN) != 0 ? IN_ICANN : IN_PRIVATE;
    }

    private static int[] labelStarts(String name) {
        int n = 1;
        for (int i = 0; i < name.length(); i++) if (name.charAt(i) == '.') n++;
        int[] starts = new int[n];
        int k = 1;
        for (int i = 0; i < name.length(); i++) if (name.charAt(i) == '.') starts[k++] = i + 1;
        return starts;
    }

    private static String suffix(String name, int[] starts, int labels) {
        int n = starts.length;
        return labels >= n ? name : name.substring(starts[n - labels]);
    }

    private static String registrable(String name, int[] starts, int suffixLabels) {
        int n = starts.length;
        return suffixLabels >= n ? null : name.substring(starts[n - suffixLabels - 1]);
    }

    private static String sectionName(byte section) {
        return switch (section) {
            case IN_ICANN -> ICANN;
            case IN_PRIVATE -> PRIVATE;
            default -> NONE;
        };
    }
}
