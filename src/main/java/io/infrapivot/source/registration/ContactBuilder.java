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

    /** "info AT example.co.il": an address written with the at sign spelt out (ISOC-IL and others). */
    private static final java.util.regex.Pattern SPELT_AT = java.util.regex.Pattern.compile(
            "^([A-Za-z0-9._%+'-]{1,64})\\s*(?:\\s(?:AT|at)\\s|\\[(?:at|AT|@)]|\\((?:at|AT|@)\\))\\s*"
                    + "([A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})+)$");

    public ContactBuilder email(String v) {
        if (v != null && v.indexOf('@') < 0) {
            java.util.regex.Matcher m = SPELT_AT.matcher(v.strip());
            if (m.matches()) v = m.group(1) + "@" + m.group(2);
        }
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
