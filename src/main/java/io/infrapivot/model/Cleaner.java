package io.infrapivot.model;

/** Trims what surrounds an indicator pasted from prose: whitespace, quotes, brackets, trailing , and ;. */
final class Cleaner {
    private static final String OPEN = "\"'`“‘«([{<";
    private static final String CLOSE = "\"'`”’»)]}>";

    private Cleaner() {}

    static String clean(String text) {
        String s = text.strip();
        while (true) {
            String before = s;
            while (!s.isEmpty() && (s.endsWith(",") || s.endsWith(";"))) s = s.substring(0, s.length() - 1).strip();
            if (s.length() >= 2) {
                int open = OPEN.indexOf(s.charAt(0));
                if (open >= 0 && CLOSE.charAt(open) == s.charAt(s.length() - 1) && !isDefangMark(s)) {
                    s = s.substring(1, s.length() - 1).strip();
                }
            }
            if (s.equals(before)) return s;
        }
    }

    /** {@code [.]} and the like: brackets that are a defang mark, not a wrapper. */
    private static boolean isDefangMark(String s) {
        return s.length() <= 5 && s.substring(1, s.length() - 1).strip().matches("(?i)\\.|dot|@|at|:");
    }
}
