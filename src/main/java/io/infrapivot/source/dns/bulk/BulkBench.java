package io.infrapivot.source.dns.bulk;

import io.infrapivot.source.dns.DnsConfig;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.xbill.DNS.Type;

/**
 * The benchmark's driver (bench/dns-bulk/run.sh): resolves a file of names with {@link BulkResolver} and
 * prints one line of counts and queries per second.
 * <pre>java -cp infrapivot-all.jar io.infrapivot.source.dns.bulk.BulkBench --server 127.0.0.1:5300
 *      -f names.txt [-t A,AAAA] [--inflight 1000] [--out results.txt] [--json]</pre>
 */
public final class BulkBench {
    private BulkBench() {}

    public static void main(String[] args) throws Exception {
        String server = null;
        Path file = null;
        Path outFile = null;
        List<Integer> types = List.of(Type.A);
        int inFlight = 1000;
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--server" -> server = args[++i];
                case "-f" -> file = Path.of(args[++i]);
                case "-t" -> types = types(args[++i]);
                case "--inflight" -> inFlight = Integer.parseInt(args[++i]);
                case "--out" -> outFile = Path.of(args[++i]);
                case "--json" -> json = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (server == null || file == null) throw new IllegalArgumentException("--server and -f are required");
        BulkResolver r = new BulkResolver(BulkResolver.Options.defaults(List.of(DnsConfig.parseResolver(server)))
                .withInFlight(inFlight).withTimeout(Duration.ofMillis(1000), 3));
        long[] byStatus = new long[BulkStatus.values().length];
        BulkResolver.Stats s;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             Writer w = outFile == null ? Writer.nullWriter()
                     : new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(outFile),
                     StandardCharsets.UTF_8), 1 << 16);
             BulkFormat fmt = json ? BulkFormat.jsonLines(w) : BulkFormat.text(w)) {
            s = r.run(queries(in, types), res -> {
                byStatus[res.status().ordinal()]++;
                fmt.write(res);
            });
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "questions=%d seconds=%.3f qps=%.0f sent=%d timeouts=%d tcp=%d"
                        + " ignored=%d", s.questions(), s.nanos() / 1e9, s.perSecond(), s.sent(), s.timeouts(),
                s.tcpFallbacks(), s.mismatched()));
        for (BulkStatus st : BulkStatus.values()) {
            if (byStatus[st.ordinal()] > 0) b.append(' ').append(st.id()).append('=').append(byStatus[st.ordinal()]);
        }
        System.out.println(b);
    }

    /** {@code A,AAAA,MX} → type codes; unknown types are an error. */
    public static List<Integer> types(String csv) {
        List<Integer> out = new ArrayList<>();
        for (String t : csv.split(",")) {
            int v = Type.value(t.trim().toUpperCase(Locale.ROOT));
            if (v < 0) throw new IllegalArgumentException("unknown record type '" + t.trim() + "'");
            out.add(v);
        }
        return out;
    }

    /** Reads names lazily (one a line; blank lines and # comments skipped), each with every type. */
    public static Iterator<BulkQuery> queries(BufferedReader in, List<Integer> types) {
        return new Iterator<>() {
            private String name;
            private int t = types.size();

            @Override
            public boolean hasNext() {
                while (t >= types.size()) {
                    try {
                        name = in.readLine();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    if (name == null) return false;
                    name = name.strip();
                    if (name.isEmpty() || name.startsWith("#")) continue;
                    t = 0;
                }
                return true;
            }

            @Override
            public BulkQuery next() {
                if (!hasNext()) throw new NoSuchElementException();
                return new BulkQuery(name, types.get(t++));
            }
        };
    }
}
