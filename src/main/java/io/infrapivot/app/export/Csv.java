package io.infrapivot.app.export;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 reading (quoted cells with doubled quotes and line breaks; CRLF or LF rows) for import. */
final class Csv {
    /** At most this many cells in a row are kept. */
    static final int MAX_CELLS = 1000;

    private Csv() {
    }

    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    quoted = true;
                    any = true;
                }
                case ',' -> {
                    if (row.size() < MAX_CELLS) row.add(cell.toString());
                    cell.setLength(0);
                    any = true;
                }
                case '\r' -> {
                }
                case '\n' -> {
                    if (any || cell.length() > 0) {
                        if (row.size() < MAX_CELLS) row.add(cell.toString());
                        rows.add(row);
                    }
                    row = new ArrayList<>();
                    cell.setLength(0);
                    any = false;
                }
                default -> {
                    cell.append(c);
                    any = true;
                }
            }
        }
        if (any || cell.length() > 0) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }

    /** Undoes {@link CsvWriter#cell}'s formula neutralisation: a {@code '} before = + - @ tab CR LF. */
    static String unneutralise(String s) {
        return s.length() >= 2 && s.charAt(0) == '\'' && "=+-@\t\r\n".indexOf(s.charAt(1)) >= 0 ? s.substring(1) : s;
    }
}
