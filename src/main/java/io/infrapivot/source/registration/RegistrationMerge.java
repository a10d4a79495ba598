package io.infrapivot.source.registration;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Merges the registry's answer with the registrar's (RDAP {@code related} link, WHOIS referral): the registry
 * stays authoritative for status, dates and name servers; the registrar's data wins for contacts and fills
 * whatever the registry left out (a thin registry gives no contacts at all).
 */
public final class RegistrationMerge {
    private RegistrationMerge() {}

    /**
     * @param registry  the registry's record
     * @param registrar the registrar's record (ignored unless it is a registered record)
     */
    public static RegistrationRecord merge(RegistrationRecord registry, RegistrationRecord registrar) {
        if (registrar == null || registrar.status() != RegistrationStatus.REGISTERED) return registry;
        if (registry.status() != RegistrationStatus.REGISTERED) return registry;
        Registrar reg = registry.registrar() == null ? registrar.registrar()
                : registry.registrar().orElse(registrar.registrar());
        Contacts contacts = registrar.contacts().orElse(registry.contacts());
        List<String> ns = new ArrayList<>(registry.nameServers());
        if (ns.isEmpty()) ns.addAll(registrar.nameServers());
        LinkedHashSet<String> statuses = new LinkedHashSet<>(registry.statuses());
        if (statuses.isEmpty()) statuses.addAll(registrar.statuses());
        LinkedHashSet<String> redacted = new LinkedHashSet<>(registry.redacted());
        redacted.addAll(registrar.redacted());
        List<String> remarks = new ArrayList<>(registry.remarks());
        registrar.remarks().stream().filter(r -> !remarks.contains(r) && remarks.size() < 50).forEach(remarks::add);
        Contacts marked = PrivacyServices.standard().mark(contacts);
        ParseStatus ps = registry.parseStatus() == ParseStatus.FULL || registrar.parseStatus() == ParseStatus.FULL
                ? ParseStatus.FULL : ParseStatus.PARTIAL;
        return new RegistrationRecord(registry.kind(), registry.query(), first(registry.domain(), registrar.domain()),
                registry.status(), List.copyOf(statuses), reg, first(registry.created(), registrar.created()),
                first(registry.updated(), registrar.updated()), first(registry.expires(), registrar.expires()), null,
                ns, first(registry.dnssec(), registrar.dnssec()), marked,
                registry.privacy() || registrar.privacy() || PrivacyServices.isPrivate(marked), ps,
                first(registry.network(), registrar.network()), first(registry.autnum(), registrar.autnum()),
                registry.source(), registrar.server(), registry.format() + "+" + registrar.format(),
                first(registrar.fetched(), registry.fetched()), List.copyOf(redacted), registry.emailsFound(),
                registry.datesFound(), remarks, null);
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }
}
