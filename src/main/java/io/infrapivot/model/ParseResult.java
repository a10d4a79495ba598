package io.infrapivot.model;

import java.util.List;

/** What the parser made of one piece of text: one indicator, several candidates, or nothing. */
public sealed interface ParseResult {
    /** The text as the user gave it. */
    String input();

    /** The parsed indicator, or an {@link IllegalArgumentException} naming why there is none. */
    ParsedIndicator orElseThrow();

    record Parsed(String input, ParsedIndicator parsed) implements ParseResult {
        @Override
        public ParsedIndicator orElseThrow() {
            return parsed;
        }
    }

    /** The text fits more than one type; {@code --type} chooses. */
    record Ambiguous(String input, String reason, List<ParsedIndicator> candidates) implements ParseResult {
        public Ambiguous {
            candidates = List.copyOf(candidates);
        }

        @Override
        public ParsedIndicator orElseThrow() {
            throw new IllegalArgumentException("ambiguous input '" + Safe.oneLine(input) + "': " + reason);
        }
    }

    record Invalid(String input, String reason) implements ParseResult {
        @Override
        public ParsedIndicator orElseThrow() {
            throw new IllegalArgumentException("cannot parse '" + Safe.oneLine(input) + "': " + reason);
        }
    }
}
