package io.infrapivot.source;

/** Whether a source can run now, and if not, why (never containing a key). */
public record Readiness(boolean isReady, String reason) {
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
