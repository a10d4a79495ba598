package io.infrapivot.source;

/** Whether a source can run now, and if not, why (never containing a key). */
public record Readiness(boolean isReady, String reason) {
    public static Readiness ready() {
        return new Readiness(true, "ready");
    }

    public static Readiness needs(String setting, String envName) {
        return new Readiness(false, "needs " + setting + " (set " + envName + " or [sources.*] " + setting
                + " in the config file)");
    }

    public static Readiness notReady(String reason) {
        return new Readiness(false, reason);
    }
}
