package io.infrapivot.source.registration;

import java.util.ArrayList;
import java.util.List;

/** Mutable accumulator for one {@link Contact} while a parser reads an answer. Blank values are ignored. */
public final class ContactBuilder {
    private static final int MAX_FIELD = 512;

    private String handle;
    private String name;
    private String organization;
    private String email;
    private String phone;
    private String country;
    private final List<String> street = new ArrayList<>();
    private String city;
    private boolean privacy;

    public ContactBuilder handle(String v) {
        handle = keepFirst(handle, v);
        return this;
    }

    public ContactBuilder name(String v) {
        name = keepFirst(name, v);
        return this;
    }

    public ContactBuilder organization(String v) {
        organization = keepFirst(organization, v);
        return this;
    }

    public ContactBuilder email(String v) {
        email = keepFirst(email, v);
        return this;
    }

    public ContactBuilder phone(String v) {
        phone = keepFirst(phone, v);
        return this;
    }

    public ContactBuilder country(String v) {
        country = keepFirst(country, v);
        return this;
    }

    /** Adds one street line (several lines are joined with ", "). */
    public ContactBuilder street(String v) {
        String c = clean(v);
        if (c != null && street.size() < 8) street.add(c);
        return this;
    }

    public ContactBuilder city(String v) {
        city = keepFirst(city, v);
        return this;
    }

    public ContactBuilder privacy(boolean v) {
        privacy |= v;
        return this;
    }

    public boolean isEmpty() {
        return build() == null;
    }

    /** The contact, or null when nothing was set. */
    public Contact build() {
        Contact c = new Contact(handle, name, organization, email, phone, country,
                street.isEmpty() ? null : String.join(", ", street), city, privacy);
        return c.isEmpty() ? null : c;
    }

    private static String keepFirst(String old, String v) {
        return old != null ? old : clean(v);
    }

    /** Trims, bounds the length, and turns blank into null. */
    public static String clean(String v) {
        if (v == null) return null;
        String t = v.strip();
        if (t.isEmpty()) return null;
        return t.length() > MAX_FIELD ? t.substring(0, MAX_FIELD) : t;
    }
}
