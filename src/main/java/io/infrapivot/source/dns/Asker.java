package io.infrapivot.source.dns;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Name;

/** The resolver as one lookup uses it: remembers every answer, which become the lookup's evidence. */
public final class Asker {
    private final DnsResolver resolver;
    private final Set<DnsAnswer> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<DnsAnswer> answers = new ArrayList<>();

    public Asker(DnsResolver resolver) {
        this.resolver = resolver;
    }

    public DnsAnswer ask(Name name, int type) throws InterruptedException {
        DnsAnswer a = resolver.query(name, type);
        synchronized (this) {
            if (seen.add(a)) answers.add(a);
        }
        return a;
    }

    /** Every answer received so far, in order. */
    public synchronized List<DnsAnswer> answers() {
        return List.copyOf(answers);
    }

    public DnsResolver resolver() {
        return resolver;
    }
}
