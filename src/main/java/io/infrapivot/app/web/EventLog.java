package io.infrapivot.app.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The events of one run, kept in order so that a page that (re)connects gets every event from the one it
 * asks for ({@code Last-Event-ID}); readers block until there is more or the run has ended. Bounded: past
 * {@link #MAX} events the oldest are dropped (a reader that far behind reloads the graph).
 */
final class EventLog {
    static final int MAX = 20_000;

    record Event(long id, String type, String data) {}

    private final List<Event> events = new ArrayList<>();
    private long next = 1;
    private boolean closed;

    synchronized void add(String type, String data) {
        if (closed) return;
        events.add(new Event(next++, type, data));
        if (events.size() > MAX) events.subList(0, events.size() - MAX).clear();
        notifyAll();
    }

    /** Adds a last event and ends the log. */
    synchronized void close(String type, String data) {
        add(type, data);
        closed = true;
        notifyAll();
    }

    synchronized boolean closed() {
        return closed;
    }

    /**
     * The events after {@code after}, waiting up to {@code waitMillis} for one; empty when none came (then
     * {@link #closed()} says whether any will).
     */
    synchronized List<Event> after(long after, long waitMillis) throws InterruptedException {
        long until = System.currentTimeMillis() + waitMillis;
        while (true) {
            List<Event> out = new ArrayList<>();
            for (Event e : events) if (e.id() > after) out.add(e);
            if (!out.isEmpty() || closed) return out;
            long left = until - System.currentTimeMillis();
            if (left <= 0) return out;
            wait(left);
        }
    }
}
