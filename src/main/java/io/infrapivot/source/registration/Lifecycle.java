package io.infrapivot.source.registration;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The lifecycle states registries write in their own words, as the EPP status codes (RFC 5731, RFC 3915) every
 * record carries beside the registry's words: a name in redemption ({@code redemptionPeriod}: .nl "in
 * quarantine", .be "QUARANTINE", .it "redemptionPeriod", "Redemption Period"), pending deletion
 * ({@code pendingDelete}: "pending delete", "to be deleted", .it "pendingDelete"), or not delegated
 * ({@code inactive}: .nl/.it/.eu "inactive", "not delegated"). A name in any of them still exists at the registry:
 * it is {@code registered}, never {@code available}.
 */
public final class Lifecycle {
    private record State(Pattern words, String code) {}

    private static final List<State> STATES = List.of(
            new State(Pattern.compile("redemption|quarantine|grace ?period ?\\(?redemption|rgp"), "redemptionPeriod"),
            new State(Pattern.compile("pending ?-?delet|to be deleted|pending ?purge|deletion pending|pendingdelete"
                    + "|pending ?release|no longer required"), "pendingDelete"),
            new State(Pattern.compile("^inactive$|^not delegated$|^no delegation$|^inactive\\b|\\bnot ?delegated\\b"
                    + "|^out of service$|^deactivated$"), "inactive"));

    private Lifecycle() {}

    /** The EPP code of a registry's status word, or null when it names no lifecycle state. */
    public static String code(String status) {
        if (status == null) return null;
        String s = status.toLowerCase(Locale.ROOT).replace('_', ' ').strip();
        for (State st : STATES) if (st.words().matcher(s).find()) return st.code();
        return null;
    }

    private static final Pattern RESERVED = Pattern.compile(
            "^(?:reserved|registry ?reserved|reserved ?domain|blocked|unassignable|withheld|restricted|prohibited)$");
    private static final Pattern INVALID = Pattern.compile("^(?:invalid|not ?allowed|forbidden)$");

    /**
     * What the registry's own status words say about the name when they are not about a registration: reserved
     * (.uz "RESERVED" with the registry's own dates, .it "UNASSIGNABLE") or invalid (EURid "NOT ALLOWED",
     * DENIC "invalid"); null otherwise.
     */
    public static RegistrationStatus statusOf(java.util.Collection<String> statuses) {
        for (String s : statuses) {
            String t = s.toLowerCase(Locale.ROOT).strip();
            if (RESERVED.matcher(t).matches()) return RegistrationStatus.RESERVED;
            if (INVALID.matcher(t).matches()) return RegistrationStatus.INVALID;
        }
        return null;
    }

    private static final Pattern TAKEN = Pattern.compile(
            "^(?:not available|unavailable|registered|active|ok|connect|taken|delegated|in use)$");

    /**
     * Whether the registry's own status words say the name is taken (.be and .sx "NOT AVAILABLE", DENIC "connect")
     * even when the answer prints nothing else about it.
     */
    public static boolean isTaken(java.util.Collection<String> statuses) {
        for (String s : statuses) if (TAKEN.matcher(s.toLowerCase(Locale.ROOT).strip()).matches()) return true;
        return false;
    }

    /**
     * Adds the EPP code of every lifecycle state among the builder's statuses; returns whether one was found
     * (then the object exists: {@code registered} when nothing else decided its status).
     */
    public static boolean apply(RecordBuilder b) {
        boolean found = false;
        for (String s : List.copyOf(b.statuses())) {
            String t = s.toLowerCase(Locale.ROOT).replace('_', ' ').strip();
            for (State st : STATES) {
                if (!st.words().matcher(t).find()) continue;
                found = true;
                if (!b.statuses().contains(st.code())) b.addStatus(st.code());
            }
        }
        return found;
    }
}
