package io.infrapivot.source.http;

import java.util.Locale;

/**
 * Which host names a link or referral read from an answer may point the tool at. Answers are attacker-controlled:
 * a redirect, an RDAP {@code related} link or a WHOIS referral must not turn the tool against the analyst's own
 * network, so only public host names qualify.
 */
public final class PublicHosts {
    private PublicHosts() {}

    /** A name with a dot that is not an IP literal, not localhost, not a .local / .internal / .localhost name. */
    public static boolean isPublicName(String host) {
        if (host == null) return false;
        String h = host.toLowerCase(Locale.ROOT);
        return h.contains(".") && !h.matches("[0-9.]+") && !h.contains(":") && !h.equals("localhost")
                && !h.endsWith(".localhost") && !h.endsWith(".local") && !h.endsWith(".internal");
    }
}
