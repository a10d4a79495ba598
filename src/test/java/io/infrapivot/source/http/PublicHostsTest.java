package io.infrapivot.source.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicHostsTest {
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost.", "LOCALHOST.", "localhost..", " localhost ", "x.localhost.",
            "printer.local.", "db.internal", "router.home.arpa", "127.0.0.1", "127.1", "0x7f.0.0.1", "2130706433",
            "0177.0.0.1", "[::1]", "::1", "10.0.0.9", "1.0.0.127.in-addr.arpa", "", "."})
    void internalSpellingsAreNotPublicNames(String host) {
        assertThat(PublicHosts.isPublicName(host)).as(host).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rdap.arin.net", "RDAP.ARIN.NET.", "b\u00fccher.example.com", "x1.example.org"})
    void publicNames(String host) {
        assertThat(PublicHosts.isPublicName(host)).as(host).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
            "0.0.0.0", "255.255.255.255", "224.0.0.1", "::1", "fe80::1", "fc00::1", "fd12::1", "::ffff:127.0.0.1",
            "::", "192.0.0.8"})
    void internalAddressesAreNotPublic(String address) throws Exception {
        assertThat(PublicHosts.isPublicAddress(InetAddress.getByName(address))).as(address).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "193.0.0.1", "2001:4860:4860::8888"})
    void publicAddresses(String address) throws Exception {
        assertThat(PublicHosts.isPublicAddress(InetAddress.getByName(address))).as(address).isTrue();
    }
}
