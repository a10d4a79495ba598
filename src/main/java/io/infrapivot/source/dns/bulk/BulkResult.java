package io.infrapivot.source.dns.bulk;

import java.util.List;

/**
 * The answer to one bulk question.
 *
 * @param name    the name asked (lower case, no trailing dot)
 * @param type    the type asked
 * @param status  the outcome
 * @param answers the record data of the asked type (addresses in canonical form, names without the dot)
 * @param cnames  the CNAME chain's targets, in order
 * @param tries   how many times it was sent (UDP tries, plus one for a TCP fall back)
 * @param error   why, for INVALID and ERROR; null otherwise
 * @param wire    the answer's packet as received, when the resolver keeps them ({@code keepWire}); else null
 */
public record BulkResult(String name, int type, BulkStatus status, List<String> answers, List<String> cnames,
                         int tries, String error, byte[] wire) {
    public BulkResult(String name, int type, BulkStatus status, List<String> answers, List<String> cnames, int tries,
                      String error) {
        this(name, type, status, answers, cnames, tries, error, null);
    }
}
