package io.infrapivot.source;

/**
 * Whether a source can run now, and if not, why (never containing a key).
 *
 * @param isReady whether it can run
 * @param reason  for people: why not, or a remark
 * @param caution ready, but something deserves the user's attention (stale data): shown as a warning
 */
public record Readiness(boolean isReady, String reason, boolean caution) {
    public Readiness(boolean isReady, String reason) {
        this(isReady, reason, false);
    }

    /** Ready, with a remark that deserves attention (a stale data set). */
    public static Readiness readyBut(String remark) {
        return new Readiness(true, remark, true);
    }

    public static Readiness ready() {
        return new Readiness(true, "ready");
    }

    /** Not ready for want of a setting: names the environment variable and the config table that give it. */
    public static Readiness needs(SourceSettings settings, String setting) {
        return new Readiness(false, "needs " + setting + " (set " + settings.envName(setting) + ", or " + setting
                + " in [sources." + settings.sourceId() + "] of the config file)");
    }

    public static Readiness notReady(String reason) {
        return new Readiness(false, reason);
    }
}
