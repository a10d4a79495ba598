package io.infrapivot.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way user text becomes indicators: refangs, lowercases, punycodes, canonicalises, and knows
 * the Public Suffix List. See docs/indicators.md for every rule.
 *
 * <p>{@link #parse} and {@link #parseAs} never throw for bad input: they return
 * {@link ParseResult.Invalid} with one clear reason.
 */
public final class IndicatorParser {
    /** Longer input is rejected before any other work. */
    public static final int MAX_INPUT = 4096;


    private static final Pattern TYPE_PREFIX = Pattern.compile("^([A-Za-z][A-Za-z0-9_-]{1,15}):(.*)$", Pattern.DOTALL);
    private static final Pattern BARE_NUMBER = Pattern.compile("^\\d{1,20}$");
    private static final Pattern NAME_AND_PATH = Pattern.compile("^([^/?#@]+)([/?#].*)$", Pattern.DOTALL);
    private static final Pattern NAME_AND_PORT = Pattern.compile("^[^/?#@:\\s]+:\\d+$");

    private final PublicSuffixList suffixList;
    private final boolean readFiles;
    private final LocalFiles files;
    private final NameParser names;
    private final UrlParser urls;

    public IndicatorParser(PublicSuffixList suffixList, boolean readFiles) {
        this(suffixList, readFiles, Path.of(""));
    }

    /** As the public constructor, with relative file paths resolved against {@code workingDir}. */
    IndicatorParser(PublicSuffixList suffixList, boolean readFiles, Path workingDir) {
        this.suffixList = Objects.requireNonNull(suffixList);
        this.readFiles = readFiles;
        this.files = new LocalFiles(workingDir);
        this.names = new NameParser(suffixList);
        this.urls = new UrlParser(names);
    }

    /**
     * The parser on the bundled suffix list (made once, never replaced): for code without a context, such as
     * {@link Indicator#of}. The app's parser, on the data folder's newer list, is its context's, passed down.
     */
    public static IndicatorParser standard() {
        return Standard.PARSER;
    }

    private static final class Standard {
        static final IndicatorParser PARSER = new IndicatorParser(PublicSuffixList.bundled(), true);
    }

    public PublicSuffixList suffixList() {
        return suffixList;
    }

    /** Parses one piece of text, guessing its type. */
    public ParseResult parse(String text) {
        return guard(text, () -> guess(text));
    }

    /** Parses one piece of text as exactly {@code type} (the CLI's --type). */
    public ParseResult parseAs(IndicatorType type, String text) {
        Objects.requireNonNull(type, "type");
        return guard(text, () -> forced(type, text, text));
    }

    /** {@code text} read as {@code type}; {@code input} is what the user gave (it may hold a type: prefix). */
    private ParseResult forced(IndicatorType type, String input, String text) {
        String t = Cleaner.clean(text);
        List<String> notes = new ArrayList<>();
        if (type == IndicatorType.FILE) return new ParseResult.Parsed(input, file(t));
        if (type != IndicatorType.ORG && type != IndicatorType.PERSON) t = refang(t, notes);
        return new ParseResult.Parsed(input, as(type, t, notes));
    }

    /**
     * Parses a DNS name as whichever of domain or host the Public Suffix List makes it (for names read
     * from DNS, WHOIS or certificates, where either may come). Unknown TLDs and file-extension-like names
     * are accepted (note "unknown TLD"); anything that is not a name is invalid.
     */
    public ParseResult parseName(String text) {
        return guard(text, () -> {
            List<String> notes = new ArrayList<>();
            String t = refang(Cleaner.clean(text), notes);
            if (t.isEmpty()) throw new BadInput("empty input");
            return new ParseResult.Parsed(text, names.parse(t, notes).toParsed(notes));
        });
    }

    boolean readFiles() {
        return readFiles;
    }

    private interface Attempt {
        ParseResult run();
    }

    private static ParseResult guard(String text, Attempt attempt) {
        if (text == null) return new ParseResult.Invalid("", "empty input");
        if (text.length() > MAX_INPUT) {
            return new ParseResult.Invalid(Safe.truncate(text, 80), "input longer than " + MAX_INPUT + " characters");
        }
        try {
            return attempt.run();
        } catch (BadInput e) {
            return new ParseResult.Invalid(text, e.getMessage());
        } catch (RuntimeException e) {
            return new ParseResult.Invalid(text, "cannot parse: " + e.getClass().getSimpleName());
        }
    }

    private static String refang(String text, List<String> notes) {
        String r = Refanger.refang(text);
        if (!r.equals(text)) notes.add("refanged");
        return r;
    }

    private ParseResult guess(String input) {
        String t = Cleaner.clean(input);
        if (t.isEmpty()) throw new BadInput("empty input");
        Optional<ParseResult> local = files.existing(t, readFiles).map(p -> fileOrName(input, t));
        if (local.isPresent()) return local.get();
        String notAFile = files.missingPath(t, readFiles);
        if (notAFile != null) throw new BadInput(notAFile);
        List<String> notes = new ArrayList<>();
        Matcher prefix = TYPE_PREFIX.matcher(t);
        if (prefix.matches() && !prefix.group(2).startsWith("//")) {
            String id = prefix.group(1).toLowerCase(Locale.ROOT);
            String rest = prefix.group(2).strip();
            if (TokenParser.isHashAlgorithm(id)) {
                return parsed(input, TokenParser.hash(refang(rest, notes), TokenParser.hashAlgorithm(id), notes));
            }
            if (id.equals("mailto")) return parsed(input, urls.email(refang(rest, notes), notes));
            Optional<IndicatorType> type = IndicatorType.fromId(id);
            if (type.isPresent()) return forced(type.get(), input, rest);
        }
        String s = refang(t, notes);
        return guessRefanged(input, s, notes);
    }

    private ParseResult guessRefanged(String input, String s, List<String> notes) {
        if (s.isEmpty()) throw new BadInput("empty input");
        if (s.startsWith("+")) return parsed(input, TokenParser.phone(s, notes));
        if (s.contains("://")) return parsed(input, urls.url(s, false, notes));
        if (TokenParser.guessHash(s) != null) return parsed(input, TokenParser.hash(s, null, notes));
        if (TokenParser.looksLikeAnalyticsId(s)) return parsed(input, TokenParser.analyticsId(s, notes));
        if (TokenParser.looksLikeAsn(s)) return parsed(input, TokenParser.asn(s, false, notes));
        if (BARE_NUMBER.matcher(s).matches()) return bareNumber(input, s, notes);
        if (IpParser.looksLikeCidr(s)) return parsed(input, IpParser.cidr(s, notes));
        if (IpParser.looksLikeIp(s)) return parsed(input, IpParser.ip(s, notes));
        if (s.contains("@")) return parsed(input, urls.email(s, notes));
        Matcher np = NAME_AND_PATH.matcher(s);
        if (np.matches() || NAME_AND_PORT.matcher(s).matches()) {
            notes.add("scheme assumed");
            return parsed(input, urls.url("http://" + s, true, notes));
        }
        if (s.chars().anyMatch(Character::isWhitespace)) {
            throw new BadInput("space in the text: not a name, address or other known indicator");
        }
        return name(input, s, notes);
    }

    private ParseResult name(String input, String s, List<String> notes) {
        NameParser.Name n = names.parse(s, notes);
        if (n.details().labels() == 1 && !n.details().knownTld()) {
            throw new BadInput("a single label that is not a known TLD (use --type host for a bare host name)");
        }
        ParsedIndicator parsed = n.toParsed(notes);
        if (!n.details().knownTld() && FileExtensions.isCommon(n.tld())) {
            return new ParseResult.Ambiguous(input, "looks like a file name (." + n.tld()
                    + " is a common file extension and not a known TLD); no such file here", List.of(parsed));
        }
        return new ParseResult.Parsed(input, parsed);
    }

    private ParseResult bareNumber(String input, String s, List<String> notes) {
        String digits = s.replaceFirst("^0+(?=\\d)", "");
        if (digits.length() > 10 || Long.parseLong(digits) > TokenParser.MAX_ASN) {
            throw new BadInput("a number too large for an AS number or an IPv4 address");
        }
        long n = Long.parseLong(digits);
        ParsedIndicator asn = TokenParser.asn(n, notes);
        ParsedIndicator ip = IpParser.ip(IpParser.ipv4FromInteger(n), new ArrayList<>(notes));
        return new ParseResult.Ambiguous(input, "a bare number is an AS number or an IPv4 address written as an"
                + " integer", List.of(asn, ip));
    }

    /** An existing local file that also reads as a name (e.g. {@code evil.com} in the current folder). */
    private ParseResult fileOrName(String input, String t) {
        ParsedIndicator file = file(t);
        if (LocalFiles.hasPathSyntax(t)) return new ParseResult.Parsed(input, file);
        List<String> notes = new ArrayList<>();
        try {
            NameParser.Name n = names.parse(t, notes);
            if (!n.details().knownTld()) return new ParseResult.Parsed(input, file);
            return new ParseResult.Ambiguous(input, "a local file of that name exists and it is also a "
                    + n.type().id(), List.of(file, n.toParsed(notes)));
        } catch (BadInput notAName) {
            return new ParseResult.Parsed(input, file);
        }
    }

    private ParsedIndicator file(String t) {
        if (!readFiles) throw new BadInput("reading local files is turned off");
        return files.hash(t);
    }

    private ParsedIndicator as(IndicatorType type, String s, List<String> notes) {
        if (s.isEmpty()) throw new BadInput("empty input");
        return switch (type) {
            case IP -> IpParser.ip(s, notes);
            case CIDR -> IpParser.cidr(s, notes);
            case ASN -> TokenParser.asn(s, true, notes);
            case DOMAIN, HOST -> forcedName(type, s, notes);
            case URL -> s.contains("://") ? urls.url(s, false, notes) : schemeLess(s, notes);
            case EMAIL -> urls.email(s.regionMatches(true, 0, "mailto:", 0, 7) ? s.substring(7) : s, notes);
            case HASH -> hashWithPrefix(s, notes);
            case CERT -> TokenParser.cert(s, notes);
            case ANALYTICS_ID -> TokenParser.analyticsId(s, notes);
            case PHONE -> TokenParser.phone(s.startsWith("+") || s.startsWith("00") ? s : "+" + s, notes);
            case ORG, PERSON -> TokenParser.text(type, s, notes);
            case FILE -> file(s);
        };
    }

    private ParsedIndicator schemeLess(String s, List<String> notes) {
        notes.add("scheme assumed");
        return urls.url("http://" + s, true, notes);
    }

    private ParsedIndicator hashWithPrefix(String s, List<String> notes) {
        Matcher prefix = TYPE_PREFIX.matcher(s);
        if (prefix.matches() && TokenParser.isHashAlgorithm(prefix.group(1).toLowerCase(Locale.ROOT))) {
            return TokenParser.hash(prefix.group(2).strip(),
                    TokenParser.hashAlgorithm(prefix.group(1).toLowerCase(Locale.ROOT)), notes);
        }
        return TokenParser.hash(s, null, notes);
    }

    /**
     * --type domain / --type host: the name, if it is of that type (a public suffix counts as a domain). One name
     * has one identity whoever asks: the registrable domain (eTLD+1 by the list, by its default rule {@code *}
     * under an unknown TLD) is a domain, every name below it a host; only a single label under an unknown TLD
     * (no registrable domain at all: {@code localhost}) takes the type asked for.
     */
    private ParsedIndicator forcedName(IndicatorType type, String s, List<String> notes) {
        NameParser.Name n = names.parse(s, notes);
        if (n.type() == type || !n.details().knownTld() && n.details().labels() == 1) {
            NameParser.Name typed = new NameParser.Name(n.ascii(), n.unicode(), type, n.details());
            return typed.toParsed(notes);
        }
        if (type == IndicatorType.DOMAIN) {
            throw new BadInput(n.ascii() + " is a host under the registrable domain " + n.details().registrableDomain()
                    + " (use --type host)");
        }
        throw new BadInput(n.ascii() + " is a registrable domain, not a host (use --type domain)");
    }

    private static ParseResult parsed(String input, ParsedIndicator p) {
        return new ParseResult.Parsed(input, p);
    }
}
