package io.infrapivot.source.registration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * A registered IP network (RIR inetnum/inet6num, ARIN NetRange, RDAP ip network).
 *
 * @param start        first address
 * @param end          last address
 * @param cidrs        the range as CIDR blocks
 * @param name         net name
 * @param handle       registry handle (NET-…, the inetnum range for RIPE)
 * @param organization holder organisation
 * @param country      country code as given
 * @param rir          the RIR that answered: arin, ripe, apnic, lacnic, afrinic (or null)
 * @param type         allocation type (ALLOCATED PA, ASSIGNED, Direct Allocation, …)
 * @param parent       parent network handle or range
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Network(String start, String end, List<String> cidrs, String name, String handle, String organization,
                      String country, String rir, String type, String parent) {
    public Network {
        cidrs = cidrs == null ? List.of() : List.copyOf(cidrs);
    }
}
