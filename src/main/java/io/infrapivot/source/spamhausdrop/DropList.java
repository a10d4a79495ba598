package io.infrapivot.source.spamhausdrop;

import com.fasterxml.jackson.databind.JsonNode;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.infrapivot.source.thirdparty.Json;
import io.infrapivot.source.thirdparty.ServiceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Spamhaus DROP lists as served in JSON lines ({@code drop_v4.json}, {@code drop_v6.json}: one
 * {@code {"cidr":"192.0.2.0/24","sblid":"SBL123","rir":"ripencc"}} per line; {@code asndrop.json}: one
 * {@code {"asn":64496,"rir":"arin","domain":..,"cc":"US","asname":..}} per line), each ending with a
 * {@code {"type":"metadata","timestamp":<unix seconds>,"size":..,"records":..,"copyright":..,"terms":..}} line.
 * EDROP was folded into DROP by Spamhaus in 2024, so DROP covers both. The list's date is the newest metadata
 * timestamp.
 */
public final class DropList {
    /** A listed network. */
    public record Net(IPAddress block, String cidr, String sbl, String rir) {}

    /** A listed ASN. */
    public record As(long asn, String name, String cc, String rir, String domain) {}

    private final List<Net> nets;
    private final Map<Long, As> asns;
    private final Instant date;

    private DropList(List<Net> nets, Map<Long, As> asns, Instant date) {
        this.nets = List.copyOf(nets);
        this.asns = Map.copyOf(asns);
        this.date = date;
    }

    /**
     * Reads the three files; throws when one is not a DROP JSON-lines file (no entry, or a line that is not JSON).
     * {@code asndrop} may be null (ASN-DROP not downloaded).
     */
    public static DropList parse(String v4, String v6, String asndrop) throws ServiceException {
        List<Net> nets = new ArrayList<>();
        Map<Long, As> asns = new HashMap<>();
        Instant[] date = {null};
        for (String body : new String[] {v4, v6}) {
            if (body == null) continue;
            for (JsonNode line : Json.readLines(body)) {
                if (metadata(line, date)) continue;
                String cidr = Json.text(line, "cidr");
                IPAddress block = cidr == null ? null : new IPAddressString(cidr).getAddress();
                if (block == null) continue;
                nets.add(new Net(block.toPrefixBlock(), cidr, Json.text(line, "sblid"), Json.text(line, "rir")));
            }
        }
        if (asndrop != null) {
            for (JsonNode line : Json.readLines(asndrop)) {
                if (metadata(line, date)) continue;
                Long asn = Json.number(line, "asn");
                if (asn == null || asn <= 0) continue;
                asns.put(asn, new As(asn, Json.text(line, "asname"), Json.text(line, "cc"), Json.text(line, "rir"),
                        Json.text(line, "domain")));
            }
        }
        if (nets.isEmpty()) throw new ServiceException(io.infrapivot.source.ErrorClass.GARBAGE,
                "no DROP entries (lines with a cidr) in the list");
        return new DropList(nets, asns, date[0]);
    }

    private static boolean metadata(JsonNode line, Instant[] date) {
        if (!"metadata".equals(Json.text(line, "type"))) return false;
        Instant t = io.infrapivot.source.thirdparty.Times.of(line, "timestamp");
        if (t != null && (date[0] == null || t.isAfter(date[0]))) date[0] = t;
        return true;
    }

    /** The listed networks that contain or lie in {@code addressOrBlock}. */
    public List<Net> matching(IPAddress addressOrBlock) {
        List<Net> out = new ArrayList<>();
        for (Net n : nets) {
            if (n.block().getIPVersion() != addressOrBlock.getIPVersion()) continue;
            if (n.block().contains(addressOrBlock) || addressOrBlock.contains(n.block())) out.add(n);
        }
        return out;
    }

    public As asn(long asn) {
        return asns.get(asn);
    }

    public int networks() {
        return nets.size();
    }

    public int asns() {
        return asns.size();
    }

    /** The list's own date (its metadata timestamp), or null. */
    public Instant date() {
        return date;
    }
}
