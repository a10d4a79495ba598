package io.infrapivot.app.cli;

import io.infrapivot.engine.LookupSession;
import io.infrapivot.engine.SessionEvent;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One line on standard error that follows a {@link LookupSession}'s events: lookups done of those queued,
 * facts found, the pivot's hop, and a source its rate limit holds back (with its rate and the time its
 * remaining lookups need). Drawn only on a terminal, only once the run has lasted a second, redrawn a few
 * times a second, and cleared at the end.
 */
final class ProgressLine implements AutoCloseable {
    static final Duration FIRST_AFTER = Duration.ofSeconds(1);
    private static final long EVERY_MS = 200;

    private final PrintStream err;
    private final boolean enabled;
    private final long started = System.nanoTime();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicLong facts = new AtomicLong();
    private final AtomicInteger hop = new AtomicInteger(-1);
    private final AtomicInteger nodes = new AtomicInteger();
    private final Map<String, AtomicInteger> remaining = new ConcurrentHashMap<>();
    private volatile SessionEvent.Throttled throttled;
    private volatile long throttledAt;
    private final AutoCloseable subscription;
    private final Thread ticker;
    private boolean drawn;

    /** Follows {@code session}; draws only when {@code enabled} (stderr is a terminal and not -q). */
    ProgressLine(LookupSession session, PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
        this.subscription = session.subscribe(this::on);
        this.ticker = enabled ? Thread.ofVirtual().name("progress").start(this::tick) : null;
    }

    private void on(SessionEvent e) {
        switch (e) {
            case SessionEvent.LookupQueued q -> {
                queued.incrementAndGet();
                remaining.computeIfAbsent(q.source(), k -> new AtomicInteger()).incrementAndGet();
            }
            case SessionEvent.LookupAnswered a -> {
                finished(a.outcome().source());
                if (a.outcome().outcome() == io.infrapivot.source.Outcome.ERROR) errors.incrementAndGet();
            }
            case SessionEvent.LookupRefused r -> {
                finished(r.outcome().source());
                refused.incrementAndGet();
            }
            case SessionEvent.FactsFound f -> facts.addAndGet(f.facts().size());
            case SessionEvent.HopProgress h -> {
                hop.accumulateAndGet(h.hop(), Math::max);
                nodes.set(h.nodes());
            }
            case SessionEvent.Throttled t -> {
                throttled = t;
                throttledAt = System.nanoTime();
            }
            default -> { }
        }
    }

    private void finished(String source) {
        done.incrementAndGet();
        AtomicInteger r = remaining.get(source);
        if (r != null) r.decrementAndGet();
    }

    private void tick() {
        try {
            Thread.sleep(FIRST_AFTER);
            while (!Thread.currentThread().isInterrupted()) {
                draw();
                Thread.sleep(EVERY_MS);
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private synchronized void draw() {
        err.print("\r\u001b[K" + line());
        err.flush();
        drawn = true;
    }

    /** The text of the line now. */
    String line() {
        StringBuilder b = new StringBuilder();
        if (hop.get() >= 0) b.append("hop ").append(hop.get()).append(" · ").append(nodes.get()).append(" indicators · ");
        b.append("lookups ").append(done.get()).append('/').append(queued.get()).append(" done · ")
                .append(facts.get()).append(" facts");
        if (errors.get() > 0) b.append(" · ").append(errors.get()).append(" errors");
        if (refused.get() > 0) b.append(" · ").append(refused.get()).append(" skipped");
        SessionEvent.Throttled t = throttled;
        if (t != null && System.nanoTime() - throttledAt < Duration.ofSeconds(30).toNanos()) {
            AtomicInteger left = remaining.get(t.source());
            int n = left == null ? 0 : Math.max(0, left.get());
            if (n > 0) {
                long eta = (long) Math.ceil(n * (double) t.per().toMillis() / Math.max(1, t.permits()));
                b.append(" · ").append(Terminal.v(t.source())).append(" throttled (").append(t.permits()).append(" per ")
                        .append(human(t.per())).append("), ~").append(human(Duration.ofMillis(eta))).append(" left");
            }
        }
        b.append(String.format(Locale.ROOT, " · %.0f s", (System.nanoTime() - started) / 1e9));
        return b.toString();
    }

    static String human(Duration d) {
        long s = Math.max(1, (d.toMillis() + 999) / 1000);
        if (s < 120) return s + " s";
        if (s < 7200) return (s + 59) / 60 + " min";
        return (s + 3599) / 3600 + " h";
    }

    /** Prints something on the terminal: the line is cleared first and drawn again at the next tick. */
    void above(Runnable print) {
        synchronized (this) {
            if (drawn) {
                err.print("\r\u001b[K");
                err.flush();
                drawn = false;
            }
            print.run();
        }
    }

    /** Stops drawing and clears the line. */
    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            // removing a listener does not fail
        }
        if (ticker != null) {
            ticker.interrupt();
            try {
                ticker.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (drawn) {
                err.print("\r\u001b[K");
                err.flush();
            }
        }
    }

    boolean enabled() {
        return enabled;
    }
}
