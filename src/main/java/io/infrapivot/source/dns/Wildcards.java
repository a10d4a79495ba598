package io.infrapivot.source.dns;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** Detects a zone's wildcard by asking about random labels under it (A and AAAA, CNAMEs included). */
public final class Wildcards {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private Wildcards() {}

    public static Wildcard probe(Asker asker, Name zone) throws InterruptedException {
        List<DnsAnswer> probes = new ArrayList<>();
        for (int type : new int[] {Type.A, Type.AAAA}) {
            probes.add(asker.ask(randomBelow(zone), type));
        }
        return Wildcard.of(zone, probes);
    }

    /** A random 16-character label under the zone: it exists only through a wildcard. */
    public static Name randomBelow(Name zone) {
        StringBuilder b = new StringBuilder("ip-");
        for (int i = 0; i < 16; i++) b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        try {
            return Name.fromString(b.toString(), zone);
        } catch (TextParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
