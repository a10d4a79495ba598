package io.infrapivot.source.dns.bulk;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The little of the DNS wire format the bulk loop needs, read without building message objects: the query
 * it sends (one question, RD, EDNS0), and from an answer only the header, the question (to match it) and
 * the records of the asked type and the CNAMEs leading to them. Other types are decoded with dnsjava.
 * Every read is bounds-checked: answers are attacker-controlled.
 */
final class Wire {
    static final int EDNS_PAYLOAD = 1232;
    /** Records read from one answer at most. */
    static final int MAX_RECORDS = 256;

    private Wire() {}

    /** Encodes a name in wire form (lower case), or throws with the reason. */
    static byte[] encodeName(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith(".")) t = t.substring(0, t.length() - 1);
        if (t.isEmpty()) throw new IllegalArgumentException("empty name");
        if (t.length() > 253) throw new IllegalArgumentException("name longer than 253 characters");
        byte[] out = new byte[t.length() + 2];
        int pos = 0;
        int start = 0;
        while (start <= t.length()) {
            int dot = t.indexOf('.', start);
            if (dot < 0) dot = t.length();
            int len = dot - start;
            if (len == 0) throw new IllegalArgumentException("empty label");
            if (len > 63) throw new IllegalArgumentException("label longer than 63 bytes");
            out[pos++] = (byte) len;
            for (int i = start; i < dot; i++) {
                char c = t.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                    throw new IllegalArgumentException("character not allowed in a name");
                }
                out[pos++] = (byte) c;
            }
            start = dot + 1;
        }
        out[pos] = 0;
        return out;
    }

    /** Writes a query into {@code buf} (cleared and flipped for sending). */
    static void query(ByteBuffer buf, int id, byte[] qname, int type) {
        buf.clear();
        buf.putShort((short) id).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0)
                .putShort((short) 0).putShort((short) 1);
        buf.put(qname).putShort((short) type).putShort((short) 1);
        // OPT pseudo-record: root name, type 41, payload size, no extended flags, no options
        buf.put((byte) 0).putShort((short) 41).putShort((short) EDNS_PAYLOAD).putInt(0).putShort((short) 0);
        buf.flip();
    }

    static int id(byte[] m) {
        return (m[0] & 0xff) << 8 | m[1] & 0xff;
    }

    static boolean isResponse(byte[] m) {
        return (m[2] & 0x80) != 0;
    }

    static boolean truncated(byte[] m) {
        return (m[2] & 0x02) != 0;
    }

    static int rcode(byte[] m) {
        return m[3] & 0x0f;
    }

    /**
     * Whether the answer's single question is {@code qname}/{@code type}/IN (names compared case-insensitively);
     * returns the offset after the question, or -1.
     */
    static int matchQuestion(byte[] m, int len, byte[] qname, int type) {
        if (len < 12 + qname.length + 4) return -1;
        if (((m[4] & 0xff) << 8 | m[5] & 0xff) != 1) return -1;
        for (int i = 0; i < qname.length; i++) {
            int a = m[12 + i] & 0xff;
            int b = qname[i] & 0xff;
            if (a != b && !(a >= 'A' && a <= 'Z' && a + 32 == b)) return -1;
        }
        int p = 12 + qname.length;
        int t = (m[p] & 0xff) << 8 | m[p + 1] & 0xff;
        int c = (m[p + 2] & 0xff) << 8 | m[p + 3] & 0xff;
        return t == type && c == 1 ? p + 4 : -1;
    }

    /**
     * The answer records of the asked type and the CNAME chain, read from the raw message.
     *
     * @param soa a SOA record in the authority section (read only for a chain without data: then the answer is
     *            negative about the chain's end, RFC 2308/6604, rather than a chain the server did not follow)
     */
    record Answers(List<String> data, List<String> cnames, boolean soa) {
        Answers(List<String> data, List<String> cnames) {
            this(data, cnames, false);
        }
    }

    /**
     * Reads the answer section. A and AAAA are read directly; other types through dnsjava. Records are kept
     * only when their owner is the asked name or a CNAME target already met.
     */
    static Answers answers(byte[] m, int len, int afterQuestion, String qname, int type) {
        // shorter than a header: nothing to read (the resolver drops such runts before; found by ParsersFuzzTest)
        if (len < 12 || len > m.length) return new Answers(List.of(), List.of());
        if (type != Type.A && type != Type.AAAA) return viaDnsjava(m, len, qname, type);
        int an = (m[6] & 0xff) << 8 | m[7] & 0xff;
        List<String> data = new ArrayList<>();
        List<String> cnames = new ArrayList<>();
        String current = qname;
        int p = afterQuestion;
        int read = 0;
        for (int i = 0; i < Math.min(an, MAX_RECORDS); i++, read++) {
            boolean ownerIsQname = p + 1 < len && (m[p] & 0xff) == 0xC0 && (m[p + 1] & 0xff) == 12;
            String owner = qname;
            int after;
            if (ownerIsQname) {
                after = p + 2;
            } else {
                StringBuilder b = new StringBuilder();
                after = readName(m, len, p, b);
                if (after < 0) break;
                owner = b.toString();
            }
            if (after + 10 > len) break;
            int rtype = (m[after] & 0xff) << 8 | m[after + 1] & 0xff;
            int rdlen = (m[after + 8] & 0xff) << 8 | m[after + 9] & 0xff;
            int rd = after + 10;
            if (rd + rdlen > len) break;
            boolean mine = owner.equals(current);
            if (mine && rtype == Type.CNAME) {
                StringBuilder t = new StringBuilder();
                if (readName(m, len, rd, t) < 0) break;
                current = t.toString();
                cnames.add(current);
            } else if (mine && rtype == type) {
                if (type == Type.A && rdlen == 4) {
                    data.add((m[rd] & 0xff) + "." + (m[rd + 1] & 0xff) + "." + (m[rd + 2] & 0xff) + "."
                            + (m[rd + 3] & 0xff));
                } else if (type == Type.AAAA && rdlen == 16) {
                    data.add(ipv6(m, rd));
                }
            }
            p = rd + rdlen;
        }
        if (data.isEmpty() && !cnames.isEmpty()) {
            return new Answers(data, cnames, read == an && soaInAuthority(m, len, p));
        }
        return new Answers(data, cnames);
    }

    /** Whether the authority section (starting at {@code p}, after the whole answer section) holds a SOA record. */
    private static boolean soaInAuthority(byte[] m, int len, int p) {
        int ns = (m[8] & 0xff) << 8 | m[9] & 0xff;
        for (int i = 0; i < Math.min(ns, MAX_RECORDS); i++) {
            int after = skipName(m, len, p);
            if (after < 0 || after + 10 > len) return false;
            int rtype = (m[after] & 0xff) << 8 | m[after + 1] & 0xff;
            if (rtype == Type.SOA) return true;
            int rdlen = (m[after + 8] & 0xff) << 8 | m[after + 9] & 0xff;
            p = after + 10 + rdlen;
            if (p > len) return false;
        }
        return false;
    }

    private static int skipName(byte[] m, int len, int p) {
        for (int hops = 0; p < len && hops < 128; hops++) {
            int b = m[p] & 0xff;
            if (b == 0) return p + 1;
            if ((b & 0xC0) == 0xC0) return p + 2 <= len ? p + 2 : -1;
            p += b + 1;
        }
        return -1;
    }

    private static Answers viaDnsjava(byte[] m, int len, String qname, int type) {
        try {
            byte[] copy = len == m.length ? m : java.util.Arrays.copyOf(m, len);
            return fromMessage(new Message(copy), qname, type);
        } catch (java.io.IOException e) {
            return new Answers(List.of(), List.of());
        }
    }

    /** Reads a parsed message the same way (for other types and TCP answers). */
    static Answers fromMessage(Message msg, String qname, int type) {
        List<String> data = new ArrayList<>();
        List<String> cnames = new ArrayList<>();
        String current = qname;
        int n = 0;
        for (Record r : msg.getSection(Section.ANSWER)) {
            if (++n > MAX_RECORDS) break;
            String owner = r.getName().toString(true).toLowerCase(Locale.ROOT);
            if (!owner.equals(current)) continue;
            if (r instanceof org.xbill.DNS.CNAMERecord c && type != Type.CNAME) {
                current = c.getTarget().toString(true).toLowerCase(Locale.ROOT);
                cnames.add(current);
            } else if (r.getType() == type) {
                data.add(text(r));
            }
        }
        if (data.isEmpty() && !cnames.isEmpty()) {
            boolean soa = msg.getSection(Section.AUTHORITY).stream().anyMatch(r -> r.getType() == Type.SOA);
            return new Answers(data, cnames, soa);
        }
        return new Answers(data, cnames);
    }

    private static String text(Record r) {
        if (r instanceof org.xbill.DNS.ARecord a) return a.getAddress().getHostAddress();
        if (r instanceof org.xbill.DNS.AAAARecord a) {
            byte[] b = a.getAddress().getAddress();
            return ipv6(b, 0);
        }
        return io.infrapivot.model.Safe.truncate(r.rdataToString(), 4096);
    }

    /** RFC 5952 text of 16 bytes at {@code off}: lower case, longest zero run compressed. */
    static String ipv6(byte[] b, int off) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) w[i] = (b[off + 2 * i] & 0xff) << 8 | b[off + 2 * i + 1] & 0xff;
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) j++;
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            s.append(Integer.toHexString(w[i]));
            if (i < 7) s.append(':');
        }
        return s.toString();
    }

    /** Reads a (possibly compressed) name at {@code p} into {@code out}; returns the offset after it, or -1. */
    static int readName(byte[] m, int len, int p, StringBuilder out) {
        int end = -1;
        int jumps = 0;
        while (true) {
            if (p >= len) return -1;
            int l = m[p] & 0xff;
            if (l == 0) {
                return end < 0 ? p + 1 : end;
            }
            if ((l & 0xC0) == 0xC0) {
                if (p + 1 >= len || ++jumps > 64) return -1;
                if (end < 0) end = p + 2;
                p = (l & 0x3f) << 8 | m[p + 1] & 0xff;
                continue;
            }
            if ((l & 0xC0) != 0 || p + 1 + l > len || out.length() + l > 255) return -1;
            if (!out.isEmpty()) out.append('.');
            for (int i = p + 1; i <= p + l; i++) {
                int c = m[i] & 0xff;
                if (c >= 'A' && c <= 'Z') c += 32;
                if (c > 0x20 && c < 0x7f && c != '.' && c != '\\') out.append((char) c);
                else out.append('\\').append(String.format("%03d", c));
            }
            p += l + 1;
        }
    }
}
