package io.infrapivot.engine;

import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.SourceSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes a source's secret setting values (API keys) out of text before it is logged, stored or shown: an
 * exception's message may quote a URL with its key. Exceptions are copied with their class name and stack.
 */
final class Redaction {
    static final String MASK = "[redacted]";
    private final List<String> secrets;

    Redaction(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).distinct().toList();
    }

    static Redaction of(Source source, SourceSettings settings) {
        List<String> secrets = new ArrayList<>();
        for (SourceInfo.Setting s : source.info().settings()) {
            if (s.secret()) settings.get(s.name()).ifPresent(secrets::add);
        }
        return new Redaction(secrets);
    }

    String apply(String text) {
        if (text == null || secrets.isEmpty()) return text;
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
            String encoded = java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
            if (!encoded.equals(s)) out = out.replace(encoded, MASK);
        }
        return out;
    }

    /** A copy of {@code t} (and its causes) whose messages hold no secret; the stack traces are kept. */
    Throwable apply(Throwable t) {
        return copy(t, 0);
    }

    private Throwable copy(Throwable t, int depth) {
        if (t == null) return null;
        Throwable cause = depth < 16 && t.getCause() != t ? copy(t.getCause(), depth + 1) : null;
        Redacted r = new Redacted(t.getClass().getName(), apply(t.getMessage()), cause);
        r.setStackTrace(t.getStackTrace());
        if (depth < 16) for (Throwable s : t.getSuppressed()) r.addSuppressed(copy(s, depth + 1));
        return r;
    }

    /** An exception as it was thrown, its messages redacted: prints as the original class. */
    static final class Redacted extends Exception {
        private final String className;

        Redacted(String className, String message, Throwable cause) {
            super(message, cause, true, true);
            this.className = className;
        }

        String className() {
            return className;
        }

        @Override
        public String toString() {
            return getMessage() == null ? className : className + ": " + getMessage();
        }
    }
}
