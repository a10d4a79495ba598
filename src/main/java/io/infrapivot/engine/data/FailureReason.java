package io.infrapivot.engine.data;

import io.infrapivot.model.Safe;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.HashSet;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Says in words why a download or a file read failed, whatever the exception: a message that is null or empty
 * (as the JDK's HTTP client gives for a refused connection) never reaches the user as "null" or nothing. The
 * kind of failure is decided on the exception's type (and its causes'), never on its message text.
 */
public final class FailureReason {
    private FailureReason() {}

    /** One line saying why {@code t} happened (safe to print: control characters are escaped). */
    public static String of(Throwable t) {
        if (t == null) return "unknown failure";
        if (t instanceof Described) return Safe.oneLine(t.getMessage());
        Set<Throwable> seen = new HashSet<>();
        // the most specific known kind anywhere in the cause chain wins over a generic wrapper's words; the
        // outermost words (which often name the file or URL) follow it
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            String kind = kind(c);
            if (kind != null) {
                String detail = detail(t) != null ? detail(t) : detail(c);
                return Safe.oneLine(detail == null || detail.equals(kind) ? kind : kind + " (" + detail + ")");
            }
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String detail = detail(c);
            if (detail != null) return Safe.oneLine(detail);
            if (c.getCause() == null || seen.size() > 20) break;
        }
        return Safe.oneLine(words(t.getClass().getSimpleName()));
    }

    /** A failure whose message already says what failed and why, in words: shown as it is. */
    public static class Described extends java.io.IOException {
        public Described(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A sentence for the failure kinds a download meets, or null when {@code c} is not one of them. */
    private static String kind(Throwable c) {
        if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
            return "host not found (no DNS answer for its name)";
        }
        if (c instanceof HttpConnectTimeoutException) return "host unreachable: no connection within the time allowed";
        if (c instanceof HttpTimeoutException || c instanceof SocketTimeoutException) {
            return "no answer within the time allowed";
        }
        if (c instanceof ConnectException) return "host unreachable: the connection was refused";
        if (c instanceof NoRouteToHostException || c instanceof PortUnreachableException) {
            return "host unreachable: no route to it";
        }
        if (c instanceof SSLException) return "the TLS (https) handshake failed";
        if (c instanceof EOFException) return "the connection closed before the answer was complete";
        if (c instanceof NoSuchFileException || c instanceof FileNotFoundException) return "no such file";
        if (c instanceof AccessDeniedException) return "permission denied";
        if (c instanceof NotDirectoryException) return "not a folder";
        return null;
    }

    private static String detail(Throwable c) {
        String m = c.getMessage();
        return m == null || m.isBlank() ? null : m.strip();
    }

    /** "ClosedChannelException" → "closed channel (ClosedChannelException)". */
    private static String words(String simpleName) {
        if (simpleName.equals("IOException")) return "input/output error, no detail given (IOException)";
        String base = simpleName.replaceFirst("(Exception|Error)$", "");
        if (base.isEmpty()) return "failed (" + simpleName + ")";
        String spaced = base.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        return "failed: " + spaced + " (" + simpleName + ")";
    }
}
