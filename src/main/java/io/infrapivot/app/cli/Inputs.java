package io.infrapivot.app.cli;

import io.infrapivot.model.IndicatorParser;
import io.infrapivot.model.IndicatorType;
import io.infrapivot.model.ParseResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns command-line arguments (and -f files / stdin) into parse results. */
final class Inputs {
    static final int MAX_LINES = 10_000_000;

    private Inputs() {}

    /** The texts: arguments, then the lines of {@code file} ("-" for stdin), skipping blanks and # comments. */
    static List<String> texts(List<String> args, String file) {
        List<String> texts = new ArrayList<>(args == null ? List.of() : args);
        if (file != null) {
            try (BufferedReader r = file.equals("-")
                    ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                    : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                String line;
                int n = 0;
                while ((line = r.readLine()) != null && n++ < MAX_LINES) {
                    String t = line.strip();
                    if (!t.isEmpty() && !t.startsWith("#")) texts.add(t);
                }
            } catch (IOException e) {
                throw new CliException(ExitCodes.BAD_INPUT, "cannot read " + file + ": " + e.getMessage());
            }
        }
        if (texts.isEmpty()) throw new CliException(ExitCodes.BAD_INPUT, "no indicator given");
        return texts;
    }

    static IndicatorType type(String forced) {
        if (forced == null) return null;
        return IndicatorType.fromId(forced).orElseThrow(() -> new CliException(ExitCodes.BAD_INPUT,
                "unknown type '" + forced + "'; types: " + String.join(", ",
                        java.util.Arrays.stream(IndicatorType.values()).map(IndicatorType::id).toList())));
    }

    /** The parsed indicator, or the CLI error for ambiguous (exit 3, with the candidates) and invalid (exit 2) input. */
    static io.infrapivot.model.ParsedIndicator require(ParseResult r) {
        return switch (r) {
            case ParseResult.Parsed p -> p.parsed();
            case ParseResult.Ambiguous a -> throw new CliException(ExitCodes.AMBIGUOUS, "ambiguous input '" + a.input()
                    + "': " + a.reason() + "; candidates: " + String.join(", ", a.candidates().stream()
                    .map(c -> c.indicator().key()).toList()) + "; choose with --type");
            case ParseResult.Invalid i -> throw new CliException(ExitCodes.BAD_INPUT,
                    "cannot parse '" + i.input() + "': " + i.reason());
        };
    }

    static List<ParseResult> parse(IndicatorParser parser, List<String> texts, IndicatorType forced) {
        List<ParseResult> out = new ArrayList<>(texts.size());
        for (String t : texts) out.add(forced == null ? parser.parse(t) : parser.parseAs(forced, t));
        return out;
    }
}
