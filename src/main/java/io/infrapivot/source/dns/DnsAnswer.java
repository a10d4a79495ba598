package io.infrapivot.source.dns;

import io.infrapivot.model.RawAnswer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The answer to one question: its outcome, the message (null on timeout or network error) and where it
 * came from.
 *
 * @param name      the name asked
 * @param type      the type asked (a {@link Type} constant)
 * @param status    the outcome
 * @param message   the response, or null when there is none
 * @param server    the resolver that answered (or was last tried)
 * @param started   when the question was first sent
 * @param elapsed   how long it took in all
 * @param fromCache served from this run's cache
 * @param error     what went wrong, for {@link DnsStatus#TIMEOUT} and {@link DnsStatus#ERROR}; null otherwise
 * @param strays    UDP datagrams ignored while waiting (wrong ID, question or garbage: RFC 5452)
 */
public record DnsAnswer(Name name, int type, DnsStatus status, Message message, String server, Instant started,
                        Duration elapsed, boolean fromCache, String error, int strays) {
    public DnsAnswer(Name name, int type, DnsStatus status, Message message, String server, Instant started,
                     Duration elapsed, boolean fromCache, String error) {
        this(name, type, status, message, server, started, elapsed, fromCache, error, 0);
    }

    /** At most this many records of one section are read: answers are attacker-controlled. */
    public static final int MAX_RECORDS = 2000;

    /** Answer-section records of the given type (any owner), at most {@link #MAX_RECORDS}. */
    public List<Record> records(int ofType) {
        List<Record> out = new ArrayList<>();
        if (message == null) return out;
        for (Record r : message.getSection(Section.ANSWER)) {
            if (r.getType() == ofType) out.add(r);
            if (out.size() >= MAX_RECORDS) break;
        }
        return out;
    }

    /** The records of the asked type. */
    public List<Record> records() {
        return records(type);
    }

    /** Whether the response came with the TC bit still set (only possible when TCP was unavailable). */
    public boolean truncated() {
        return message != null && message.getHeader().getFlag(org.xbill.DNS.Flags.TC);
    }

    /** The question as text: {@code name TYPE @server}. */
    public String question() {
        return name + " " + Type.string(type) + " @" + server;
    }

    /** The evidence of this answer for the given source: the response in wire format. */
    public RawAnswer evidence(String sourceId) {
        byte[] wire = message == null ? new byte[0] : message.toWire();
        String st = status.id() + (fromCache ? " (cached)" : "") + (error == null ? "" : ": " + error)
                + (strays == 0 || error != null ? "" : " (" + strays + " stray packets ignored)");
        return new RawAnswer(sourceId, question(), wire, "dns-wire", st, started, elapsed);
    }

    DnsAnswer cachedCopy() {
        return new DnsAnswer(name, type, status, message, server, started, Duration.ZERO, true, error, 0);
    }
}
