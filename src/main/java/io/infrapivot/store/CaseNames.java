package io.infrapivot.store;

import io.infrapivot.model.Safe;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/** Case names and how a name-or-path argument maps to a file. */
final class CaseNames {
    static final String EXTENSION = ".sqlite";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private CaseNames() {
    }

    /** True when the argument names a file rather than a case in the repository's folder. */
    static boolean isPath(String nameOrPath) {
        String lower = nameOrPath.toLowerCase(Locale.ROOT);
        return nameOrPath.contains("/") || nameOrPath.contains(File.separator) || lower.endsWith(EXTENSION)
                || lower.endsWith(".db");
    }

    static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    static String requireValid(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("invalid case name '" + printable(name)
                    + "': use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"
                    + " (or give a path to a .sqlite file)");
        }
        return name;
    }

    /** The case name of a file: its name without the extension. */
    static String nameOf(Path file) {
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private static String printable(String name) {
        if (name == null) return "null";
        return Safe.oneLine(name.length() > 80 ? name.substring(0, 80) + "..." : name);
    }
}
