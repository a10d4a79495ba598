package io.infrapivot.source.mhr;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Team Cymru Malware Hash Registry answer: a TXT record {@code "<unix time last seen> <detection percent>"}
 * (e.g. {@code "1277221946 79"}). Pure; the text is attacker-controlled (any DNS answer is), so only that exact
 * shape is accepted.
 */
public final class MhrParser {
    private static final Pattern ANSWER = Pattern.compile("\\s*(\\d{1,12})\\s+(\\d{1,3})\\s*");

    private MhrParser() {}

    /** @param lastSeen when the registry last saw the file; @param detectionPercent share of AV engines detecting it */
    public record Hit(Instant lastSeen, int detectionPercent) {}

    public static Optional<Hit> parse(String txt) {
        Matcher m = ANSWER.matcher(txt);
        if (!m.matches()) return Optional.empty();
        int pct = Integer.parseInt(m.group(2));
        if (pct > 100) return Optional.empty();
        return Optional.of(new Hit(Instant.ofEpochSecond(Long.parseLong(m.group(1))), pct));
    }
}
