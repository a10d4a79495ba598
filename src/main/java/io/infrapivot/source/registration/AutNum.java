package io.infrapivot.source.registration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A registered autonomous system number (or a block of them).
 *
 * @param number       the AS number (first of the block)
 * @param end          last number of a block, or null for a single ASN
 * @param name         AS name
 * @param handle       registry handle
 * @param organization holder organisation
 * @param country      country code as given
 * @param rir          the RIR that answered
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AutNum(Long number, Long end, String name, String handle, String organization, String country,
                     String rir) {}
