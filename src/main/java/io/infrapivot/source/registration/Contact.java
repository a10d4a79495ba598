package io.infrapivot.source.registration;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One registration contact as the registry or registrar gave it. Every field is attacker-controlled text.
 *
 * @param handle       the registry's handle (nic-hdl, RDAP entity handle), or null
 * @param name         person name
 * @param organization organisation
 * @param email        email address as given (not validated)
 * @param phone        phone as given
 * @param country      ISO 3166 code or country name as given
 * @param street       street lines joined with ", "
 * @param city         city
 * @param privacy      the contact is a privacy/proxy service or redacted: its values are not the holder's own
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Contact(String handle, String name, String organization, String email, String phone, String country,
                      String street, String city, boolean privacy) {

    /** True when no field carries a value. */
    @JsonIgnore
    public boolean isEmpty() {
        return handle == null && name == null && organization == null && email == null && phone == null
                && country == null && street == null && city == null;
    }

    public Contact withPrivacy(boolean p) {
        return new Contact(handle, name, organization, email, phone, country, street, city, p);
    }

    /** Fills the fields this contact lacks from {@code other}. */
    public Contact orElse(Contact other) {
        if (other == null) return this;
        return new Contact(first(handle, other.handle), first(name, other.name),
                first(organization, other.organization), first(email, other.email), first(phone, other.phone),
                first(country, other.country), first(street, other.street), first(city, other.city),
                privacy || other.privacy);
    }

    static String first(String a, String b) {
        return a != null ? a : b;
    }
}
