package io.infrapivot.source.registration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The documented list of privacy/proxy services and redaction texts (resource
 * {@code privacy-services.txt}), used to mark contacts whose values are not the holder's own.
 */
public final class PrivacyServices {
    private static final String RESOURCE = "/io/infrapivot/source/registration/privacy-services.txt";
    private static volatile PrivacyServices standard;

    /** One rule of the list. */
    public record Rule(String kind, String pattern, String comment) {}

    private final List<Rule> rules;

    public PrivacyServices(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The list shipped with the tool. */
    public static PrivacyServices standard() {
        PrivacyServices p = standard;
        if (p == null) {
            try (InputStream in = PrivacyServices.class.getResourceAsStream(RESOURCE)) {
                p = read(Objects.requireNonNull(in, RESOURCE));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            standard = p;
        }
        return p;
    }

    /** Reads a list in the documented format. */
    public static PrivacyServices read(InputStream in) throws IOException {
        List<Rule> rules = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] parts = line.split("\t");
                if (parts.length < 2) throw new IOException("privacy list: bad line: " + line);
                String kind = parts[0].trim();
                if (!List.of("email-domain", "org", "text").contains(kind)) {
                    throw new IOException("privacy list: unknown kind " + kind);
                }
                rules.add(new Rule(kind, parts[1].trim().toLowerCase(Locale.ROOT), parts.length > 2 ? parts[2] : ""));
            }
        }
        return new PrivacyServices(rules);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The rule a contact matches, or null. */
    public Rule match(Contact c) {
        if (c == null) return null;
        String email = lower(c.email());
        String domain = email != null && email.contains("@") ? email.substring(email.lastIndexOf('@') + 1) : null;
        for (Rule r : rules) {
            boolean hit = switch (r.kind()) {
                case "email-domain" -> domain != null && (domain.equals(r.pattern())
                        || domain.endsWith("." + r.pattern()));
                case "org" -> contains(c.name(), r.pattern()) || contains(c.organization(), r.pattern());
                default -> Stream.of(c.name(), c.organization(), c.email(), c.street())
                        .anyMatch(v -> contains(v, r.pattern()));
            };
            if (hit) return r;
        }
        return null;
    }

    /** Whether one text (an email, a name) is a privacy service or a redaction placeholder. */
    public boolean isPrivacyText(String text) {
        if (text == null) return false;
        Contact probe = text.contains("@") ? new Contact(null, null, null, text, null, null, null, null, false)
                : new Contact(null, text, null, null, null, null, null, null, false);
        return match(probe) != null;
    }

    /** The contacts with every matching one marked {@link Contact#privacy()}. */
    public Contacts mark(Contacts cs) {
        return new Contacts(mark(cs.registrant()), mark(cs.admin()), mark(cs.tech()), mark(cs.billing()),
                cs.abuse());
    }

    /**
     * A proxy service (an email domain or organisation of the list) hides the whole contact. A redaction
     * placeholder hides only the field it stands in: the contact is hidden when none of its name, organisation,
     * email and phone is left (a GDPR-redacted registrant often still shows its organisation, a real pivot; the
     * placeholders themselves are never emitted as pivots).
     */
    private Contact mark(Contact c) {
        if (c == null || c.privacy()) return c;
        Rule r = match(c);
        if (r == null) return c;
        if (!r.kind().equals("text")) return c.withPrivacy(true);
        boolean anyReal = Stream.of(c.name(), c.organization(), c.email(), c.phone())
                .anyMatch(v -> v != null && !v.isBlank() && !isPrivacyText(v));
        return anyReal ? c : c.withPrivacy(true);
    }

    /**
     * Whether a registration hides its holder: the registrant is marked, or there is no registrant and every
     * other named domain contact is marked.
     */
    public static boolean isPrivate(Contacts cs) {
        if (cs.registrant() != null) return cs.registrant().privacy();
        List<Contact> others = Stream.of(cs.admin(), cs.tech(), cs.billing()).filter(Objects::nonNull).toList();
        return !others.isEmpty() && others.stream().allMatch(Contact::privacy);
    }

    private static boolean contains(String v, String pattern) {
        return v != null && v.toLowerCase(Locale.ROOT).contains(pattern);
    }

    private static String lower(String v) {
        return v == null ? null : v.toLowerCase(Locale.ROOT);
    }
}
