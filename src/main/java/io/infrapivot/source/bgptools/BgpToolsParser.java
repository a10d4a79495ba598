package io.infrapivot.source.bgptools;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.infrapivot.model.Safe;
import io.infrapivot.source.routing.HostingAsns;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * bgp.tools' WHOIS answers (port 43): one line per address asked, pipe-separated columns
 * {@code AS | IP | BGP Prefix | CC | Registry | Allocated | AS Name} (https://bgp.tools/kb/api). The bulk answer
 * ({@code begin} .. {@code end}) is the rows alone; a single query with {@code -v} puts a header line of those names
 * first, which is skipped. A row for an AS asked has the IP and prefix columns empty; an address that is not
 * routed has AS 0 or no prefix. Pure; every field is
 * attacker-controlled, capped and checked.
 */
public final class BgpToolsParser {
    static final int MAX_FIELD = 256;

    private BgpToolsParser() {}

    /**
     * One row.
     *
     * @param asn       origin AS number (0: not announced)
     * @param ip        the address asked, canonical
     * @param prefix    the announced prefix, or empty
     * @param country   country of the allocation, or empty
     * @param registry  RIR, or empty
     * @param allocated allocation date (YYYY-MM-DD), or empty
     * @param asName    the AS name, or empty
     */
    public record Row(long asn, String ip, String prefix, String country, String registry, String allocated,
                      String asName) {
        public boolean routed() {
            return asn > 0 && !prefix.isEmpty();
        }
    }

    /** The rows of an answer; header, blank and unreadable lines skipped. */
    public static List<Row> rows(String text) {
        List<Row> out = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            row(line).ifPresent(out::add);
            if (out.size() >= 10_000) break;
        }
        return out;
    }

    /** One line as a row, or empty (the header, an error line, garbage). */
    public static Optional<Row> row(String line) {
        String[] f = line.split("\\|", 8);
        if (f.length < 3) return Optional.empty();
        for (int i = 0; i < f.length; i++) f[i] = Safe.truncate(Safe.oneLine(f[i].strip()), MAX_FIELD);
        Long asn = HostingAsns.number(f[0]);
        // an AS row has the IP column empty, and an empty string is the loopback address to the IP library
        if (f[1].isEmpty()) return Optional.empty();
        IPAddress ip = new IPAddressString(f[1]).getAddress();
        if (asn == null || ip == null || ip.isPrefixed()) return Optional.empty();
        String prefix = f[2].matches("[0-9a-fA-F:.]+/\\d{1,3}") ? f[2] : "";
        return Optional.of(new Row(asn, ip.toCanonicalString(), prefix, field(f, 3), field(f, 4), field(f, 5),
                field(f, 6)));
    }

    /** The first line that is not a row nor the header: bgp.tools' explanation of a refusal, or null. */
    public static String complaint(String text) {
        for (String line : text.split("\r?\n")) {
            String l = line.strip();
            if (l.isEmpty() || row(l).isPresent() || l.toUpperCase(java.util.Locale.ROOT).startsWith("AS ")
                    || l.toUpperCase(java.util.Locale.ROOT).startsWith("AS|")) {
                continue;
            }
            return Safe.truncate(Safe.oneLine(l), 160);
        }
        return null;
    }

    private static String field(String[] f, int i) {
        return i < f.length ? f[i] : "";
    }
}
