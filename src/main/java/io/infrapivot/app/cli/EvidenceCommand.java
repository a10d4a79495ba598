package io.infrapivot.app.cli;

import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.engine.port.StoredEvidence;
import io.infrapivot.model.Safe;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code infrapivot evidence ID}: one raw answer, escaped for the terminal (or saved as bytes with -o). */
@Command(name = "evidence", mixinStandardHelpOptions = true,
        description = "Print a raw answer kept as evidence (escaped), or save its bytes with -o.")
final class EvidenceCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    static final int MAX_SHOWN = 1 << 20;

    @Parameters(paramLabel = "ID", description = "Evidence id (shown in lookup and history output).")
    long id;

    @Option(names = "--case", paramLabel = "NAME", description = "Case to read.")
    String caseName;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the raw bytes to FILE, unchanged.")
    Path output;

    @Option(names = "--json", description = "JSON: metadata and the body (text, or base64 when binary).")
    boolean json;

    @Option(names = "--force", description = "With -o: replace an existing file (never through a symbolic link).")
    boolean force;

    @Override
    public Integer call() throws IOException {
        AppContext ctx = Main.context(spec);
        Terminal t = ctx.terminal();
        StoredEvidence e;
        try (CaseStore store = CaseCommand.openExisting(ctx, ctx.caseName(caseName))) {
            e = store.evidence(id).orElseThrow(() -> new CliException(ExitCodes.NOT_FOUND,
                    "no evidence " + id + " in case '" + ctx.caseName(caseName) + "'"));
        }
        String actual = sha256(e.response());
        boolean intact = actual.equalsIgnoreCase(String.valueOf(e.sha256()));
        if (!intact) {
            t.warn("evidence " + e.id() + " does not match its stored SHA-256 (stored " + e.sha256() + ", body "
                    + actual + "): the case file was changed after it was recorded");
        }
        if (output != null) {
            try (var out = OutputFlags.create(output, force)) {
                out.write(e.response());
            }
            t.println("wrote " + e.response().length + " bytes to " + Terminal.v(output));
            return intact ? ExitCodes.OK : ExitCodes.PARTIAL;
        }
        String text = utf8(e.response());
        String decoded = decoded(e);
        if (json) {
            var o = Json.object();
            o.put("kind", "evidence");
            o.put("id", e.id());
            o.put("source", e.source());
            o.put("request", e.request());
            o.put("status", e.status());
            o.put("content_type", e.contentType());
            o.put("sha256", e.sha256());
            o.put("sha256_verified", intact);
            o.put("started", e.started().toString());
            o.put("elapsed_ms", e.elapsed().toMillis());
            o.put("size", e.response().length);
            if (decoded != null) o.put("decoded", decoded);
            if (text != null) o.put("body", text);
            else o.put("body_base64", java.util.Base64.getEncoder().encodeToString(e.response()));
            Json.line(t.out(), o);
            return intact ? ExitCodes.OK : ExitCodes.PARTIAL;
        }
        t.println(t.bold("evidence " + e.id()) + "  source " + Terminal.v(e.source()) + "  status " + Terminal.v(e.status()));
        t.println("request:  " + Terminal.v(e.request()));
        t.println("at:       " + e.started() + " (" + e.elapsed().toMillis() + " ms)");
        t.println("type:     " + Terminal.v(e.contentType()) + ", " + e.response().length + " bytes, sha256 "
                + Terminal.v(e.sha256()) + (intact ? " (verified)" : " " + t.red("(DOES NOT MATCH the body: " + actual + ")")));
        t.println("");
        if (decoded != null) {
            // a DNS message, shown as dig shows it (every name and string in it escaped)
            t.out().print(Safe.multiLine(decoded));
            if (!decoded.endsWith("\n")) t.println("");
            t.println(t.dim("(the packet decoded; -o FILE saves its " + e.response().length + " bytes)"));
        } else if (text != null) {
            String shown = text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) : text;
            t.out().print(Safe.multiLine(shown));
            if (!shown.endsWith("\n")) t.println("");
            if (shown.length() < text.length()) t.println(t.dim("… " + (text.length() - shown.length()) + " more characters; save all with -o FILE"));
        } else {
            int n = Math.min(e.response().length, 4096);
            byte[] head = java.util.Arrays.copyOf(e.response(), n);
            String hex = HexFormat.ofDelimiter(" ").formatHex(head);
            for (int i = 0; i < hex.length(); i += 48) t.println(hex.substring(i, Math.min(hex.length(), i + 48)));
            if (n < e.response().length) t.println(t.dim("… binary, " + e.response().length + " bytes; save with -o FILE"));
        }
        return intact ? ExitCodes.OK : ExitCodes.PARTIAL;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A DNS packet ({@code dns-wire}) as dig-like text, or null when it is none or does not parse. */
    static String decoded(StoredEvidence e) {
        if (!"dns-wire".equals(e.contentType()) || e.response().length < 12) return null;
        try {
            return new org.xbill.DNS.Message(e.response()).toString();
        } catch (IOException | RuntimeException ex) {
            return null; // shown as bytes
        }
    }

    /** The bytes as UTF-8 text, or null when they are not valid UTF-8. */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException ex) {
            return null;
        }
    }
}
