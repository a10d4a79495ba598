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
            new State(Pattern.compile("pending ?-?delet|to be deleted|pending ?purge|deletion pending|pendingdelete"),
                    "pendingDelete"),
            new State(Pattern.compile("^inactive$|^not delegated$|^no delegation$|^inactive\\b|\\bnot ?delegated\\b"),
                    "inactive"));

    private Lifecycle() {}

    /** The EPP code of a registry's status word, or null when it names no lifecycle state. */
    public static String code(String status) {
        if (status == null) return null;
        String s = status.toLowerCase(Locale.ROOT).replace('_', ' ').strip();
        for (State st : STATES) if (st.words().matcher(s).find()) return st.code();
        return null;
    }

    /**
     * Adds the EPP code of every lifecycle state among the builder's statuses; returns whether one was found
     * (then the object exists: {@code registered} when nothing else decided its status).
     */
    public static boolean apply(RecordBuilder b) {
        boolean found = false;
        for (String s : List.copyOf(b.statuses())) {
            String code = code(s);
            if (code == null) continue;
            found = true;
            if (!b.statuses().contains(code)) b.addStatus(code);
        }
        return found;
    }
}
