package io.infrapivot.source.bgptools;

import io.infrapivot.source.whois.WhoisClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Gathers the addresses that concurrent lookups ask within a short window into one bulk WHOIS exchange
 * ({@code begin}, one address a line, {@code end}: the framing of bgp.tools' "whois bulkmode", https://bgp.tools/kb/api)
 * on one connection, as bgp.tools asks of anyone with more than a few addresses. The first lookup of a batch waits the window and sends it; the others
 * wait for its answer. A lookup interrupted stops waiting; a sender interrupted hands its batch's other lookups
 * back to be sent again, so no lookup is left waiting for an exchange that will not come.
 */
final class BulkWhois {
    /** A batch's settings: where it goes and how big and how long it gathers. */
    record Target(String host, WhoisClient.Options options, Duration window, int maxBatch) {
        String key() {
            return host + " " + options;
        }
    }

    /** The whole answer of one exchange and how many addresses it carried. */
    record Exchange(WhoisClient.Answer answer, int asked) {}

    /** Thrown to a waiting lookup whose sender was interrupted: ask again. */
    private static final class SendAgain extends RuntimeException {
        SendAgain() {
            super("the batch's sender was interrupted", null, false, false);
        }
    }

    private record Pending(String ip, CompletableFuture<Exchange> answer) {}

    private final Object lock = new Object();
    private final Map<String, List<Pending>> open = new HashMap<>();

    /** The exchange that carried {@code ip}. */
    Exchange ask(String ip, Target target) throws WhoisClient.WhoisException, InterruptedException {
        while (true) {
            try {
                return once(ip, target);
            } catch (SendAgain again) {
                if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
            }
        }
    }

    private Exchange once(String ip, Target target) throws WhoisClient.WhoisException, InterruptedException {
        Pending me = new Pending(ip, new CompletableFuture<>());
        List<Pending> batch;
        boolean sender;
        synchronized (lock) {
            batch = open.get(target.key());
            sender = batch == null;
            if (sender) {
                batch = new ArrayList<>();
                open.put(target.key(), batch);
            }
            batch.add(me);
            if (batch.size() >= target.maxBatch()) open.remove(target.key(), batch); // full: the next one starts anew
        }
        if (sender) send(batch, target);
        try {
            return me.answer().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SendAgain again) throw again;
            if (e.getCause() instanceof WhoisClient.WhoisException w) throw w;
            throw new WhoisClient.WhoisException("bulk exchange failed: " + e.getCause().getClass().getSimpleName(),
                    e.getCause());
        }
    }

    private void send(List<Pending> batch, Target target) throws InterruptedException {
        List<Pending> members;
        try {
            if (!target.window().isZero()) Thread.sleep(target.window());
        } catch (InterruptedException e) {
            release(batch, target, new SendAgain());
            throw e;
        }
        synchronized (lock) {
            open.remove(target.key(), batch);
            members = List.copyOf(batch);
        }
        StringBuilder q = new StringBuilder("begin\n");
        for (String ip : members.stream().map(Pending::ip).distinct().toList()) q.append(ip).append('\n');
        q.append("end");
        try {
            WhoisClient.Answer a = new WhoisClient(target.options()).query(target.host(), q.toString());
            Exchange x = new Exchange(a, members.size());
            members.forEach(p -> p.answer().complete(x));
        } catch (WhoisClient.WhoisException e) {
            members.forEach(p -> p.answer().completeExceptionally(e));
        } catch (InterruptedException e) {
            release(members, target, new SendAgain());
            throw e;
        }
    }

    /** Ends a batch whose sender stops: its other lookups are told to ask again. */
    private void release(List<Pending> batch, Target target, RuntimeException why) {
        List<Pending> members;
        synchronized (lock) {
            open.remove(target.key(), batch);
            members = List.copyOf(batch);
        }
        members.forEach(p -> p.answer().completeExceptionally(why));
    }

}
