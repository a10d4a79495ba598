package io.infrapivot.source.dns;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Domain-verification TXT tokens: a service asks a domain's owner to publish a token to prove control, so
 * the same token on two domains points to one owner. The table is documented in docs/dns.md.
 */
public final class VerificationTokens {
    /** A known token prefix and the service it belongs to. */
    public record Kind(String prefix, String provider) {}

    /** Matched token: the service and the whole token text (the value that links domains). */
    public record Match(String provider, String prefix, String token) {}

    /** Prefixes compared case-insensitively, longest first where one is a prefix of another. */
    public static final List<Kind> KINDS = List.of(
            new Kind("google-site-verification=", "google"),
            new Kind("ms=", "microsoft"),
            new Kind("facebook-domain-verification=", "facebook"),
            new Kind("atlassian-domain-verification=", "atlassian"),
            new Kind("apple-domain-verification=", "apple"),
            new Kind("adobe-idp-site-verification=", "adobe"),
            new Kind("adobe-sign-verification=", "adobe-sign"),
            new Kind("docusign=", "docusign"),
            new Kind("globalsign-domain-verification=", "globalsign"),
            new Kind("globalsign-smime-dv=", "globalsign"),
            new Kind("zoom-domain-verification=", "zoom"),
            new Kind("zoom_verify_", "zoom"),
            new Kind("stripe-verification=", "stripe"),
            new Kind("yandex-verification:", "yandex"),
            new Kind("yandex-verification=", "yandex"),
            new Kind("mailru-verification:", "mail.ru"),
            new Kind("dropbox-domain-verification=", "dropbox"),
            new Kind("slack-domain-verification=", "slack"),
            new Kind("miro-verification=", "miro"),
            new Kind("status-page-domain-verification=", "atlassian-statuspage"),
            new Kind("teamviewer-sso-verification=", "teamviewer"),
            new Kind("have-i-been-pwned-verification=", "haveibeenpwned"),
            new Kind("openai-domain-verification=", "openai"),
            new Kind("cisco-ci-domain-verification=", "cisco"),
            new Kind("webexdomainverification.", "webex"),
            new Kind("amazonses:", "amazon-ses"),
            new Kind("pinterest-site-verification=", "pinterest"),
            new Kind("knowbe4-site-verification=", "knowbe4"),
            new Kind("hubspot-developer-verification=", "hubspot"),
            new Kind("canva-site-verification=", "canva"),
            new Kind("onetrust-domain-verification=", "onetrust"),
            new Kind("twilio-domain-verification=", "twilio"),
            new Kind("keybase-site-verification=", "keybase"),
            new Kind("brave-ledger-verification=", "brave"),
            new Kind("postman-domain-verification=", "postman"),
            new Kind("notion-domain-verification=", "notion"),
            new Kind("figma-domain-verification=", "figma"),
            new Kind("lastpass-verification-code=", "lastpass"),
            new Kind("1password-site-verification=", "1password"),
            new Kind("duo_sso_verification=", "duo"),
            new Kind("citrix-verification-code=", "citrix"),
            new Kind("wrike-verification=", "wrike"),
            new Kind("shopify-verification-code=", "shopify"),
            new Kind("klaviyo-site-verification=", "klaviyo"),
            new Kind("mongodb-site-verification=", "mongodb"),
            new Kind("sendinblue-code:", "brevo"),
            new Kind("brevo-code:", "brevo"),
            new Kind("mailchimp-verification=", "mailchimp"),
            new Kind("google-gws-recovery-domain-verification=", "google-workspace"));

    /** The longest token kept; longer text is not a token. */
    static final int MAX_TOKEN = 512;

    private VerificationTokens() {}

    /** Reads one TXT record's text as a verification token, if it is one. */
    public static Optional<Match> match(String txt) {
        String t = txt.trim();
        if (t.length() > MAX_TOKEN || t.indexOf(' ') >= 0) return Optional.empty();
        String lower = t.toLowerCase(Locale.ROOT);
        for (Kind k : KINDS) {
            if (lower.startsWith(k.prefix()) && t.length() > k.prefix().length()) {
                return Optional.of(new Match(k.provider(), k.prefix(), t));
            }
        }
        return Optional.empty();
    }
}
