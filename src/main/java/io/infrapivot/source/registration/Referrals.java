package io.infrapivot.source.registration;

/**
 * Which referrals read from an answer (WHOIS {@code Registrar WHOIS Server:}, {@code ReferralServer:}, an RDAP
 * {@code related} link) may be followed. Answers are attacker-controlled: a referral must not turn the tool
 * against the analyst's own network, so only public host names are followed.
 */
public final class Referrals {
    private Referrals() {}

    /** A name with a dot that is not an IP literal, not localhost, not a .local / .internal / .localhost name. */
    public static boolean isPublicName(String host) {
        if (host == null) return false;
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return h.contains(".") && !h.matches("[0-9.]+") && !h.contains(":") && !h.equals("localhost")
                && !h.endsWith(".localhost") && !h.endsWith(".local") && !h.endsWith(".internal");
    }
}
