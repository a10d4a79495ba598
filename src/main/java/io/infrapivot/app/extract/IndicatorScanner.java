package io.infrapivot.app.extract;

import io.infrapivot.model.AnalyticsIdScanner;
import io.infrapivot.model.Details;
import io.infrapivot.model.FileExtensions;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.ParseResult;
import io.infrapivot.model.ParsedIndicator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds indicators in a window of running text. A fast pass splits the refanged text ({@link Fanged}) into coarse
 * tokens and looks closer only at tokens that can hold an indicator (a dot, a colon, an at sign, a long hex run, an
 * AS number or an ID prefix); every candidate is then validated and canonicalised by the project's
 * {@link IndicatorParser}, so the rules of docs/indicators.md hold for extracted indicators too. In strict mode the
 * false positives listed in docs/extract.md are left out. Not thread-safe (one per extraction).
 */
final class IndicatorScanner {
    /** Schemes taken as URLs. */
    private static final Pattern URL = Pattern.compile(
            "(?i)(?<![\\p{L}\\p{N}+.-])(?:https?|ftps?|sftp|wss?|tcp|udp|smb|ssh|telnet|rdp|ldaps?|irc|file)://");
    private static final Pattern EMAIL = Pattern.compile(
            "[\\p{L}\\p{N}_%+-][\\p{L}\\p{N}._%+-]{0,63}@(?:[\\p{L}\\p{N}_](?:[\\p{L}\\p{N}_-]{0,61}[\\p{L}\\p{N}])?\\.)+[\\p{L}][\\p{L}\\p{N}-]{0,62}");
    private static final Pattern IPV6 = Pattern.compile(
            "(?<![0-9A-Za-z:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}|[0-9A-Fa-f]{1,4})?(?:/\\d{1,3})?(?![0-9A-Za-z:])");
    private static final Pattern FINGERPRINT = Pattern.compile(
            "(?<![0-9A-Fa-f:])[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){19}(?:(?::[0-9A-Fa-f]{2}){12})?(?![0-9A-Fa-f:])");
    private static final Pattern ASN = Pattern.compile("AS(?:N[ \\t]?|[ \\t])?(\\d{1,10})(?![\\p{L}\\p{N}_.-])");
    /** Words that stand before a version number. */
    private static final Set<String> VERSION_WORDS = Set.of("v", "ver", "version", "build", "release", "rev",
            "revision", "firmware", "fw", "vers");
    private static final Pattern FINGERPRINT_BEFORE = Pattern.compile("(?i)(?:fingerprint|thumbprint)[^\\n]{0,24}$");
    private static final String TRAILING = ".,;:!?'\"*";
    private static final Set<String> SPECIAL_TLDS = Set.of("onion", "i2p", "bit", "exit");
    /** Parse results remembered per type (the whole run's budget: scanners working side by side share it out). */
    static final int CACHE = 32_768;

    private final IndicatorParser parser;
    private final int cacheSize;
    private final boolean strict;
    private final Allowlist allowlist;
    /** Parse results per indicator type (index: the type's ordinal); shared by scanners working side by side. */
    private final Map<String, Object>[] cache;
    /** How many parse results {@link #cache} keeps per type. */
    private final int parseCacheSize;
    /** Values reported by streams that give first hits only ({@link TextStream#firstHitsOnly}), per type. */
    @SuppressWarnings("unchecked")
    private final java.util.Set<String>[] reported = new java.util.Set[IndicatorType.values().length];
    private final Matcher url = URL.matcher("").useTransparentBounds(true);
    private final Matcher email = EMAIL.matcher("").useTransparentBounds(true);
    private final Matcher ipv6 = IPV6.matcher("").useTransparentBounds(true);
    private final Matcher fingerprint = FINGERPRINT.matcher("").useTransparentBounds(true);
    private final Matcher asn = ASN.matcher("").useTransparentBounds(true);
    /** Spans of the current token already taken (by a URL, an email, an IP). */
    private int[] taken = new int[16];
    private int takenCount;
    /** The window being scanned (for "was this written defanged"). */
    private Fanged current;
    /** Its refanged characters (as {@code current.text}, from 0). */
    private char[] chars;

    IndicatorScanner(IndicatorParser parser, boolean strict, Allowlist allowlist) {
        this(parser, strict, allowlist, CACHE);
    }

    /** A scanner that remembers up to {@code cacheSize} parse results per type. */
    IndicatorScanner(IndicatorParser parser, boolean strict, Allowlist allowlist, int cacheSize) {
        this(parser, strict, allowlist, cacheSize, null);
    }

    /**
     * A scanner that remembers up to {@code cacheSize} reported values per type and parses through {@code shared}
     * ({@link #sharedParseCache}, used by every scanner of one extraction; null: a cache of its own, of
     * {@code cacheSize} results per type). Each worker then parses a value once for all, not once each.
     */
    @SuppressWarnings("unchecked")
    IndicatorScanner(IndicatorParser parser, boolean strict, Allowlist allowlist, int cacheSize, Map<String, Object>[] shared) {
        this.cacheSize = cacheSize;
        this.cache = shared != null ? shared : new Map[IndicatorType.values().length];
        this.parseCacheSize = shared != null ? CACHE : cacheSize;
        this.parser = parser;
        this.strict = strict;
        this.allowlist = allowlist;
    }

    /** Reports every indicator that starts before {@code limit} in {@code window}. */
    void scan(String window, int limit, Consumer<Candidate> out) {
        scan(window, window.toCharArray(), limit, out);
    }

    /**
     * As {@link #scan(String, int, Consumer)}, {@code chars} holding the same characters as {@code window} (from 0):
     * the token pass reads the array, one class-table load a character.
     */
    void scan(String window, char[] chars, int limit, Consumer<Candidate> out) {
        Fanged f = Fanged.of(window, chars, current); // (the last window's refanging arrays reused)
        current = f;
        String t = f.text;
        char[] cs = f.chars;
        this.chars = cs;
        Consumer<Candidate> emit = c -> {
            int s = f.start(c.start());
            if (s < limit) out.accept(new Candidate(c.type(), c.value(), s, f.end(c.end()), f.changed(c.start(), c.end())));
        };
        int n = t.length();
        int i = 0;
        boolean marker = false;
        while (i < n) {
            while (i < n && separator(cs[i])) i++;
            int s = i;
            int marks = 0;
            int hexRun = 0;
            boolean longHex = false;
            while (i < n) {
                char c = cs[i];
                int k = c < 128 ? ASCII[c] : separatorSlow(c) ? SEP : 0;
                if ((k & SEP) != 0) break;
                // the analytics snippets' markers (ym(, fbq(, hotjar…) looked for here, not in a pass of their own
                // (every marker's second letter is one of m, a, e, b, j, o: most first letters are passed over here)
                if ((k & MARKER) != 0 && !marker && i + 2 < n && MARKER_SECOND[cs[i + 1] & 127] && cs[i + 1] < 128) {
                    marker = AnalyticsIdScanner.markerAt(cs, i, n);
                }
                marks |= k;
                if ((k & HEXC) != 0) {
                    if (++hexRun >= 32) longHex = true;
                } else {
                    hexRun = 0;
                }
                i++;
            }
            marks &= DOT | COLON | AT;
            if (longHex) marks |= HEX;
            if (i > s && marks != 0) token(t, s, i, marks, emit);
        }
        if (t.indexOf("AS") >= 0) asns(t, emit);
        // the scanner looks for its literal prefixes and snippet markers itself (String.indexOf, vectorised)
        for (AnalyticsIdScanner.Found a : AnalyticsIdScanner.find(t, marker)) {
            emit.accept(new Candidate(IndicatorType.ANALYTICS_ID, a.value(), a.start(), a.end(), false));
        }
    }

    /** ASCII character classes for the token pass: a separator, a hex digit, and the marks (a dot, colon, at sign). */
    private static final byte SEP = 16;
    private static final byte HEXC = 32;
    /** The first letter of an analytics snippet's marker ({@link AnalyticsIdScanner#markerAt}). */
    private static final byte MARKER = 64;
    private static final byte[] ASCII = new byte[128];
    /** The second letters of the analytics snippets' markers. */
    private static final boolean[] MARKER_SECOND = new boolean[128];
    /** ASCII name characters: letters, digits, '-' and '_'. */
    private static final boolean[] NAME = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            if (separatorSlow(c)) ASCII[c] |= SEP;
            if (c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') ASCII[c] |= HEXC;
        }
        ASCII['.'] |= IndicatorScanner.DOT; // (qualified: declared below)
        ASCII[':'] |= IndicatorScanner.COLON;
        ASCII['@'] |= IndicatorScanner.AT;
        for (char c : "yMfhbs".toCharArray()) ASCII[c] |= MARKER;
        for (char c : "maebjo".toCharArray()) MARKER_SECOND[c] = true;
        for (char c = 0; c < 128; c++) {
            NAME[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
        }
    }

    static boolean separator(char c) {
        return c < 128 ? (ASCII[c] & SEP) != 0 : separatorSlow(c);
    }

    private static boolean separatorSlow(char c) {
        return c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`' || c == '|' || c == '\u00a0'
                || c == '\u2028' || c == '\u2029' || c == '\u201c' || c == '\u201d' || c == '\u2018' || c == '\u2019'
                || c == '\u00ab' || c == '\u00bb' || c == '\u3000';
    }

    private static boolean hex(char c) {
        return c < 128 && (ASCII[c] & HEXC) != 0;
    }

    // ---- one token ----

    private static final int DOT = 1;
    private static final int COLON = 2;
    private static final int AT = 4;
    private static final int HEX = 8;

    private void token(String t, int s, int e, int marks, Consumer<Candidate> emit) {
        takenCount = 0;
        if ((marks & COLON) != 0) {
            urls(t, s, e, emit);
            if (e - s >= 59) fingerprints(t, s, e, emit);
        }
        if ((marks & AT) != 0) emails(t, s, e, emit);
        if ((marks & DOT) != 0) ipv4s(t, s, e, emit);
        if ((marks & COLON) != 0) ipv6s(t, s, e, emit);
        if ((marks & DOT) != 0) names(t, s, e, emit);
        if ((marks & HEX) != 0) hashes(t, s, e, emit);
    }

    private boolean isTaken(int s, int e) {
        for (int k = 0; k < takenCount; k += 2) if (s < taken[k + 1] && e > taken[k]) return true;
        return false;
    }

    private void take(int s, int e) {
        if (takenCount + 2 > taken.length) taken = java.util.Arrays.copyOf(taken, taken.length * 2);
        taken[takenCount++] = s;
        taken[takenCount++] = e;
    }

    private void urls(String t, int s, int e, Consumer<Candidate> emit) {
        url.reset(t).region(s, e);
        int from = s;
        while (from < e) {
            // every scheme ends in "://" and is at most 6 letters long: the pattern is tried only from just before one
            int sep = schemeSeparator(t, from, e);
            if (sep < 0 || !url.region(Math.max(from, sep - 6), e).find()) break;
            int us = url.start();
            int ue = urlEnd(t, url.end(), e);
            from = Math.max(ue, url.end());
            if (ue <= url.end()) continue;
            ParsedIndicator p = parse(IndicatorType.URL, t.substring(us, ue));
            if (p == null || !(p.details() instanceof Details.Url u)) continue;
            take(us, ue);
            // the host as an indicator of its own, where it stands in the URL
            int hs = url.end();
            int at = indexOf(t, '@', hs, endOfAuthority(t, hs, ue));
            if (at >= 0) hs = at + 1;
            int he = hostEnd(t, hs, ue);
            boolean hostOk = u.host().type() == IndicatorType.IP || nameAllowed(u.hostDetails(), u.host().value(), false,
                    true, t, hs, he);
            if (!hostOk) continue;
            if (!strict || !allowlist.allowsValue(p.value())) {
                emit.accept(new Candidate(IndicatorType.URL, p.value(), us, ue, false));
            }
            boolean bracketed = he - hs > 2 && t.charAt(hs) == '[' && t.charAt(he - 1) == ']';
            emit.accept(new Candidate(u.host().type(), u.host().value(), bracketed ? hs + 1 : hs, bracketed ? he - 1 : he,
                    false));
        }
    }

    /** Where the first "://" in {@code t[s, e)} starts, or -1. */
    private static int schemeSeparator(String t, int s, int e) {
        for (int i = s; i + 2 < e; i++) {
            if (t.charAt(i) == ':' && t.charAt(i + 1) == '/' && t.charAt(i + 2) == '/') return i;
        }
        return -1;
    }

    private static int indexOf(String t, char c, int s, int e) {
        for (int i = s; i < e; i++) if (t.charAt(i) == c) return i;
        return -1;
    }

    private static int endOfAuthority(String t, int s, int e) {
        for (int i = s; i < e; i++) {
            char c = t.charAt(i);
            if (c == '/' || c == '?' || c == '#' || c == '\\') return i;
        }
        return e;
    }

    private static int hostEnd(String t, int s, int e) {
        if (s < e && t.charAt(s) == '[') {
            int close = indexOf(t, ']', s, e);
            return close < 0 ? e : close + 1;
        }
        for (int i = s; i < e; i++) {
            char c = t.charAt(i);
            if (c == '/' || c == '?' || c == '#' || c == ':' || c == '\\') return i;
        }
        return e;
    }

    /** Where a URL ends: trailing punctuation and unbalanced closing brackets are not part of it. */
    private static int urlEnd(String t, int afterScheme, int e) {
        int end = e;
        // a second scheme glued on ("http://a.comhttp://b.com") is rare; a URL stops before whitespace only
        while (end > afterScheme) {
            char c = t.charAt(end - 1);
            if (TRAILING.indexOf(c) >= 0) {
                end--;
            } else if (c == ')' || c == ']' || c == '}') {
                char open = c == ')' ? '(' : c == ']' ? '[' : '{';
                if (count(t, afterScheme, end, open) < count(t, afterScheme, end, c)) end--;
                else break;
            } else {
                break;
            }
        }
        return Math.min(end, afterScheme + 4096);
    }

    private static int count(String t, int s, int e, char c) {
        int n = 0;
        for (int i = s; i < e; i++) if (t.charAt(i) == c) n++;
        return n;
    }

    private void emails(String t, int s, int e, Consumer<Candidate> emit) {
        email.reset(t).region(s, e);
        while (email.find()) {
            int es = email.start();
            int ee = email.end();
            while (es < ee && t.charAt(es) == '.') es++;
            if (isTaken(es, ee)) continue;
            ParsedIndicator p = parse(IndicatorType.EMAIL, t.substring(es, ee));
            if (p == null || !(p.details() instanceof Details.Email d)) continue;
            int ds = t.indexOf('@', es) + 1;
            if (!nameAllowed(d.domainDetails(), d.domain().value(), false, true, t, ds, ee)) continue;
            take(es, ee);
            if (!strict || !allowlist.allowsValue(p.value())) {
                emit.accept(new Candidate(IndicatorType.EMAIL, p.value(), es, ee, false));
            }
            emit.accept(new Candidate(d.domain().type(), d.domain().value(), ds, ee, false));
        }
    }

    /** Dotted-decimal runs with exactly four octets (0-255, no leading zeros), and an optional /prefix. */
    private void ipv4s(String t, int s, int e, Consumer<Candidate> emit) {
        int i = s;
        while (i < e) {
            char c = t.charAt(i);
            if (!digit(c) || i > 0 && (digit(t.charAt(i - 1)) || t.charAt(i - 1) == '.')) {
                i++;
                continue;
            }
            int is = i;
            int dots = 0;
            while (i < e && (digit(t.charAt(i)) || t.charAt(i) == '.')) {
                if (t.charAt(i) == '.') dots++;
                i++;
            }
            int ie = i;
            if (t.charAt(ie - 1) == '.') {
                ie--;
                dots--;
            }
            if (dots != 3 || !octets(t, is, ie) || i < t.length() && Character.isLetter(t.charAt(i))) continue;
            IndicatorType type = IndicatorType.IP;
            if (ie == i && i + 1 < e && t.charAt(i) == '/' && digit(t.charAt(i + 1))) {
                int pe = i + 1;
                while (pe < e && digit(t.charAt(pe))) pe++;
                if (pe - i - 1 <= 2 && Integer.parseInt(t, i + 1, pe, 10) <= 32) {
                    type = IndicatorType.CIDR;
                    ie = pe;
                    i = pe;
                }
            }
            if (isTaken(is, ie)) continue;
            take(is, ie);
            if (strict && versionBefore(t, is)) continue;
            String text = t.substring(is, ie);
            // four octets 0-255 without leading zeros: the text is the address's canonical form
            String value = text;
            if (type == IndicatorType.CIDR) {
                ParsedIndicator p = parse(type, text);
                if (p == null) continue;
                value = p.value();
            }
            if (strict && allowlist.allowsValue(value)) continue;
            emit.accept(new Candidate(type, value, is, ie, false));
        }
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean octets(String t, int s, int e) {
        int n = 0;
        int len = 0;
        for (int i = s; i <= e; i++) {
            if (i == e || t.charAt(i) == '.') {
                if (len == 0 || len > 3 || n > 255 || len > 1 && t.charAt(i - len) == '0') return false;
                n = 0;
                len = 0;
            } else {
                n = n * 10 + t.charAt(i) - '0';
                len++;
            }
        }
        return true;
    }

    /** "version 1.2.3.4", "v1.2.3.4", "build: 10.0.0.1", "Chrome/120.0.0.0": a version number, not an address. */
    private static boolean versionBefore(String t, int at) {
        int k = at - 1;
        while (k >= 0 && at - k <= 4 && (t.charAt(k) == ' ' || t.charAt(k) == '\t' || t.charAt(k) == ':'
                || t.charAt(k) == '=' || t.charAt(k) == '#' || t.charAt(k) == '.')) {
            k--;
        }
        if (k < 0) return false;
        if (t.charAt(k) == '/') return k > 0 && Character.isLetterOrDigit(t.charAt(k - 1)) && k + 1 == at;
        int we = k + 1;
        while (k >= 0 && we - k <= 10 && Character.isLetter(t.charAt(k))) k--;
        return VERSION_WORDS.contains(t.substring(k + 1, we).toLowerCase(Locale.ROOT));
    }

    private void ipv6s(String t, int s, int e, Consumer<Candidate> emit) {
        int colons = 0;
        boolean pair = false;
        for (int i = s; i < e; i++) {
            if (t.charAt(i) == ':') {
                colons++;
                if (i + 1 < e && t.charAt(i + 1) == ':') pair = true;
            }
        }
        if (colons < 2 || !pair && colons < 7) return;
        ipv6.reset(t).region(s, e);
        while (ipv6.find()) {
            int is = ipv6.start();
            int ie = ipv6.end();
            if (isTaken(is, ie) || ie - is < 3) continue;
            String text = t.substring(is, ie);
            if (strict && !plausibleIpv6(text)) continue;
            IndicatorType type = text.indexOf('/') >= 0 ? IndicatorType.CIDR : IndicatorType.IP;
            ParsedIndicator p = parse(type, text);
            if (p == null) continue;
            take(is, ie);
            if (strict && allowlist.allowsValue(p.value())) continue;
            emit.accept(new Candidate(type, p.value(), is, ie, false));
        }
    }

    /** An IPv6 address, not a time (12:30:45) or C++ scope (a::b): "::" or eight groups, and a digit. */
    private static boolean plausibleIpv6(String s) {
        boolean digit = false;
        int colons = 0;
        int hexDigits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/') break;
            if (c == ':') colons++;
            else if (hex(c)) hexDigits++;
            if (c >= '0' && c <= '9') digit = true;
        }
        return digit && hexDigits >= 2 && (s.contains("::") || colons >= 7);
    }

    /** Runs of name characters holding a dot, whose last label starts with a letter, through the parser. */
    private void names(String t, int s, int e, Consumer<Candidate> emit) {
        char[] cs = chars;
        int i = s;
        while (i < e) {
            if (!nameChar(cs[i])) {
                i++;
                continue;
            }
            int rs = i;
            boolean dot = false;
            while (i < e) {
                char c = cs[i];
                if (c < 128 ? NAME[c] : Character.isLetterOrDigit(c)) {
                    i++;
                } else if (c == '.' && i + 1 < e && cs[i + 1] != '.') {
                    dot = true;
                    i++;
                } else {
                    break;
                }
            }
            int re = i;
            while (re > rs && (t.charAt(re - 1) == '.' || t.charAt(re - 1) == '-')) re--;
            int ns = rs;
            while (ns < re && t.charAt(ns) == '-') ns++;
            if (!dot || re - ns < 4 || rs > 0 && t.charAt(rs - 1) == '@') continue;
            int lastDot = t.lastIndexOf('.', re - 1);
            if (lastDot < ns || lastDot + 1 >= re || !Character.isLetter(t.charAt(lastDot + 1))) continue;
            if (isTaken(ns, re)) continue;
            ParsedIndicator p = parseName(t.substring(ns, re));
            if (p == null || !(p.details() instanceof Details.Name d)) continue;
            if (!nameAllowed(d, p.value(), true, false, t, ns, re)) continue;
            emit.accept(new Candidate(p.type(), p.value(), ns, re, false));
            if (re < e && t.charAt(re) == '/') i = schemeless(t, s, e, ns, re, emit);
        }
    }

    /**
     * A URL written without its scheme ({@code www.example.com/path/x.php?id=1}): the name at [ns, re) is followed by
     * a slash and a path of two characters or more, and does not stand inside a path itself. Reported as an http URL
     * beside the name. Returns where the scan goes on.
     */
    private int schemeless(String t, int s, int e, int ns, int re, Consumer<Candidate> emit) {
        if (ns > s) {
            char before = t.charAt(ns - 1);
            if (before == '/' || before == '\\' || before == '.' || before == '@' || before == ':' || before == '=') return re;
        }
        int ue = urlEnd(t, re, e);
        if (ue - re < 3) return re;
        ParsedIndicator p = parse(IndicatorType.URL, "http://" + t.substring(ns, ue));
        if (p == null || p.type() != IndicatorType.URL) return re;
        take(ns, ue);
        if (!strict || !allowlist.allowsValue(p.value())) emit.accept(new Candidate(IndicatorType.URL, p.value(), ns, ue, false));
        return ue;
    }

    private static boolean nameChar(char c) {
        return c < 128 ? NAME[c] : Character.isLetterOrDigit(c);
    }

    /**
     * Whether a name is reported. Strict: under a known TLD (or .onion and the like); not a file name
     * ({@code invoice.pdf}, unless written defanged or inside a URL or address); not code ({@code obj.userAgent});
     * not on the allowlist. Loose: every valid name.
     */
    private boolean nameAllowed(Details hostDetails, String ascii, boolean bare, boolean inAddress, String t, int s, int e) {
        if (!(hostDetails instanceof Details.Name d)) return true;
        if (!strict) return true;
        String tld = ascii.substring(ascii.lastIndexOf('.') + 1);
        if (d.labels() < 2 && bare) return false;
        if (!d.knownTld() && !SPECIAL_TLDS.contains(tld)) return false;
        if (allowlist.allowsName(ascii)) return false;
        if (mixedCase(t, Math.max(s, t.lastIndexOf('.', e - 1) + 1), e)) return false;
        // a file name (invoice.pdf, kernel32.dll) unless someone took the trouble to defang it
        return !(bare && !inAddress && FileExtensions.isCommon(tld) && !current.changed(s, e));
    }

    /** Whether {@code t[s, e)} changes under both lower- and upper-casing (as written: {@code Com}, {@code userAgent}). */
    private static boolean mixedCase(String t, int s, int e) {
        boolean upper = false;
        boolean lower = false;
        for (int i = s; i < e; i++) {
            char c = t.charAt(i);
            if (c >= 128) {
                String w = t.substring(s, e); // beyond ASCII: as the locale-independent case mappings say
                return !w.equals(w.toLowerCase(Locale.ROOT)) && !w.equals(w.toUpperCase(Locale.ROOT));
            }
            if (c >= 'A' && c <= 'Z') upper = true;
            else if (c >= 'a' && c <= 'z') lower = true;
        }
        return upper && lower;
    }

    private void fingerprints(String t, int s, int e, Consumer<Candidate> emit) {
        fingerprint.reset(t).region(s, e);
        while (fingerprint.find()) {
            ParsedIndicator p = parse(IndicatorType.CERT, fingerprint.group());
            if (p == null) continue;
            take(fingerprint.start(), fingerprint.end());
            emit.accept(new Candidate(IndicatorType.CERT, p.value(), fingerprint.start(), fingerprint.end(), false));
        }
    }

    private void hashes(String t, int s, int e, Consumer<Candidate> emit) {
        int i = s;
        while (i < e) {
            if (!hex(t.charAt(i))) {
                i++;
                continue;
            }
            int hs = i;
            while (i < e && hex(t.charAt(i))) i++;
            int len = i - hs;
            if (len != 32 && len != 40 && len != 64 && len != 128) continue;
            if (hs > 0 && wordChar(t.charAt(hs - 1)) || i < t.length() && wordChar(t.charAt(i))) continue;
            if (isTaken(hs, i)) continue;
            String h = t.substring(hs, i);
            if (strict && !plausibleHash(h)) continue;
            boolean cert = (len == 40 || len == 64) && printBefore(t, Math.max(0, hs - 48), hs) && FINGERPRINT_BEFORE.matcher(t)
                    .region(Math.max(0, hs - 48), hs).find();
            IndicatorType type = cert ? IndicatorType.CERT : IndicatorType.HASH;
            ParsedIndicator p = parse(type, h);
            if (p == null || strict && allowlist.allowsValue(p.value())) continue;
            emit.accept(new Candidate(type, p.value(), hs, i, false));
        }
    }

    /** Whether "print" (any case) stands in {@code t[s, e)}: the cheap test before {@link #FINGERPRINT_BEFORE}. */
    private static boolean printBefore(String t, int s, int e) {
        for (int i = s; i + 5 <= e; i++) {
            if ((t.charAt(i) | 0x20) == 'p' && t.regionMatches(true, i, "print", 0, 5)) return true;
        }
        return false;
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** Not all digits, not one repeated character, some letters and digits both. */
    private static boolean plausibleHash(String h) {
        boolean letter = false;
        boolean digit = false;
        boolean varied = false;
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c >= '0' && c <= '9') digit = true;
            else letter = true;
            if (c != h.charAt(0)) varied = true;
        }
        return letter && digit && varied;
    }

    private void asns(String t, Consumer<Candidate> emit) {
        asn.reset(t);
        for (int at = t.indexOf("AS"); at >= 0; at = t.indexOf("AS", at + 2)) {
            if (at > 0 && (Character.isLetterOrDigit(t.charAt(at - 1)) || t.charAt(at - 1) == '_' || t.charAt(at - 1) == '-')) {
                continue;
            }
            if (!asn.region(at, t.length()).lookingAt()) continue;
            ParsedIndicator p = parse(IndicatorType.ASN, "AS" + asn.group(1));
            if (p == null) continue;
            long n = ((Details.Asn) p.details()).number();
            if (strict && n == 0) continue;
            emit.accept(new Candidate(IndicatorType.ASN, p.value(), asn.start(), asn.end(), false));
        }
    }

    // ---- buffers handed from one closed text stream to the next (segments of a file, one after another) ----

    private TextStream.Spare spare;

    /** The buffers a closed stream left, if they hold {@code capacity} characters (they are then no longer kept). */
    TextStream.Spare takeSpare(int capacity) {
        TextStream.Spare s = spare;
        if (s == null || s.chars().length < capacity) return null;
        spare = null;
        return s;
    }

    /** Keeps a closed stream's buffers (the larger, when one is already kept). */
    void giveSpare(TextStream.Spare s) {
        if (spare == null || spare.chars().length < s.chars().length) spare = s;
    }

    // ---- values already reported (first hits only) ----

    /**
     * Whether {@code value} of {@code type} is reported here for the first time (it is remembered from now on). Past
     * {@link #cacheSize} values of a type the memory starts over: a value may then be reported again.
     */
    boolean firstTime(IndicatorType type, String value) {
        java.util.Set<String> s = reported[type.ordinal()];
        if (s == null) reported[type.ordinal()] = s = new java.util.HashSet<>();
        if (s.size() >= cacheSize && !s.contains(value)) s.clear();
        return s.add(value);
    }

    // ---- the parser, with a small cache (logs repeat the same addresses) ----

    /** A parse cache for scanners working side by side (thread-safe; {@link #CACHE} results per type). */
    @SuppressWarnings("unchecked")
    static Map<String, Object>[] sharedParseCache() {
        Map<String, Object>[] c = new Map[IndicatorType.values().length];
        for (int k = 0; k < c.length; k++) c[k] = new java.util.concurrent.ConcurrentHashMap<>();
        return c;
    }

    /** A text the parser rejected, as remembered in {@link #cache} (one lookup tells a rejection from a miss). */
    private static final Object REJECTED = new Object();

    private ParsedIndicator parse(IndicatorType type, String text) {
        Map<String, Object> c = cache[type.ordinal()];
        if (c == null) cache[type.ordinal()] = c = new HashMap<>();
        Object hit = c.get(text);
        if (hit != null) return hit == REJECTED ? null : (ParsedIndicator) hit;
        ParseResult r = type == IndicatorType.DOMAIN ? parser.parseName(text) : parser.parseAs(type, text);
        ParsedIndicator p = r instanceof ParseResult.Parsed ok ? ok.parsed() : null;
        if (c.size() >= parseCacheSize) c.clear();
        c.put(text, p == null ? REJECTED : p);
        return p;
    }

    private ParsedIndicator parseName(String text) {
        String t = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        return parse(IndicatorType.DOMAIN, t);
    }
}
