package io.infrapivot.source;

/**
 * Asked by a source before each request of a lookup, so that rate limits and request budgets count requests,
 * not lookups (a paginated answer is several requests). The engine lets a lookup's first request through
 * before it calls the source; every later one may wait for the source's rate limit, within the lookup's
 * time. A source told no stops asking and returns what it has.
 */
@FunctionalInterface
public interface RequestGate {
    /** Lets everything through: for a source called outside the engine. */
    RequestGate OPEN = () -> null;

    /** Null when the next request may go (waiting first when the rate limit asks for it); else why not. */
    String next() throws InterruptedException;
}
