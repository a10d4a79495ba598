package io.infrapivot.source.dns;

import java.util.List;

/** The SRV service names asked about under a domain (the {@code srv-services} setting replaces them). */
public final class SrvServices {
    private SrvServices() {}

    public static final List<String> DEFAULT = List.of(
            "_sip._tcp", "_sip._udp", "_sips._tcp", "_sip._tls", "_sipfederationtls._tcp", "_sipinternaltls._tcp",
            "_xmpp-client._tcp", "_xmpp-server._tcp", "_jabber._tcp",
            "_ldap._tcp", "_ldaps._tcp", "_gc._tcp", "_kerberos._tcp", "_kerberos._udp", "_kpasswd._tcp",
            "_submission._tcp", "_submissions._tcp", "_imap._tcp", "_imaps._tcp", "_pop3._tcp", "_pop3s._tcp",
            "_autodiscover._tcp", "_caldav._tcp", "_caldavs._tcp", "_carddav._tcp", "_carddavs._tcp",
            "_matrix._tcp", "_matrix-fed._tcp", "_turn._udp", "_turns._tcp", "_stun._udp",
            "_h323cs._tcp", "_collab-edge._tls", "_cisco-uds._tcp", "_vlmcs._tcp", "_minecraft._tcp",
            "_ts3._udp", "_http._tcp", "_https._tcp", "_ntp._udp", "_openpgpkey._tcp");
}
