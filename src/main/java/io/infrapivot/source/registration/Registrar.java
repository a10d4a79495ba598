package io.infrapivot.source.registration;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The registrar of a domain.
 *
 * @param name        registrar name
 * @param ianaId      IANA registrar ID (gTLDs), as text
 * @param url         registrar web site
 * @param abuseEmail  registrar abuse contact email
 * @param abusePhone  registrar abuse contact phone
 * @param whoisServer the registrar's WHOIS server named in the answer
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Registrar(String name, String ianaId, String url, String abuseEmail, String abusePhone,
                        String whoisServer) {
    @JsonIgnore
    public boolean isEmpty() {
        return name == null && ianaId == null && url == null && abuseEmail == null && abusePhone == null
                && whoisServer == null;
    }

    /** Fills the fields this registrar lacks from {@code other}. */
    public Registrar orElse(Registrar other) {
        if (other == null) return this;
        return new Registrar(Contact.first(name, other.name), Contact.first(ianaId, other.ianaId),
                Contact.first(url, other.url), Contact.first(abuseEmail, other.abuseEmail),
                Contact.first(abusePhone, other.abusePhone), Contact.first(whoisServer, other.whoisServer));
    }
}
