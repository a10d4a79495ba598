package io.infrapivot.source.thirdparty;

import java.util.List;

/**
 * One parsed page of a service's answer.
 *
 * @param items the records on this page
 * @param total how many records the service says exist in all, or null when it does not say
 * @param next  what to ask for the next page (a cursor, a URL, a page number), or null when there is none
 */
public record Page<T>(List<T> items, Long total, String next) {
    public Page {
        items = List.copyOf(items);
    }

    /** The next page number when {@code page} of {@code pages} is not the last, else null. */
    public static String nextNumber(Long page, Long pages) {
        return page != null && pages != null && page < pages ? Long.toString(page + 1) : null;
    }

    public static <T> Page<T> of(List<T> items) {
        return new Page<>(items, null, null);
    }
}
