package io.infrapivot.source;

/**
 * Whether a source can run now, and if not, why (never containing a key).
 *
 * @param stale ready, but on data older than it should be (a face shows it as a warning)
 */
public record Readiness(boolean isReady, String reason, boolean stale) {
    public Readiness(boolean isReady, String reason) {
        this(isReady, reason, false);
    }

    public static Readiness ready() {
        return new Readiness(true, "ready");
    }

    /** Ready, with a remark (which data it runs on). */
    public static Readiness ready(String remark) {
        return new Readiness(true, remark);
    }

    /** Ready, but its data is stale: {@code reason} says what to do. */
    public static Readiness stale(String reason) {
        return new Readiness(true, reason, true);
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
