package io.infrapivot.source.dns.bulk;

/**
 * One question of a bulk run.
 *
 * @param name a host or domain name as given (validated by the resolver)
 * @param type a {@link org.xbill.DNS.Type} constant
 */
public record BulkQuery(String name, int type) {}
