package io.infrapivot.source.registration;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contacts of a registration by role. Absent roles are null.
 *
 * @param registrant the holder
 * @param admin      administrative contact
 * @param tech       technical contact
 * @param billing    billing contact
 * @param abuse      abuse contact (networks, ASNs; domains where the registry names one)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Contacts(Contact registrant, Contact admin, Contact tech, Contact billing, Contact abuse) {
    public static final Contacts NONE = new Contacts(null, null, null, null, null);

    /** The roles in a fixed order, absent ones left out. */
    public Map<String, Contact> byRole() {
        Map<String, Contact> m = new LinkedHashMap<>();
        if (registrant != null) m.put("registrant", registrant);
        if (admin != null) m.put("admin", admin);
        if (tech != null) m.put("tech", tech);
        if (billing != null) m.put("billing", billing);
        if (abuse != null) m.put("abuse", abuse);
        return m;
    }

    @JsonIgnore
    public boolean isEmpty() {
        return byRole().isEmpty();
    }

    /** Role by role, fills what this lacks from {@code other}. */
    public Contacts orElse(Contacts other) {
        if (other == null) return this;
        return new Contacts(merge(registrant, other.registrant), merge(admin, other.admin), merge(tech, other.tech),
                merge(billing, other.billing), merge(abuse, other.abuse));
    }

    private static Contact merge(Contact a, Contact b) {
        return a == null ? b : a.orElse(b);
    }
}
