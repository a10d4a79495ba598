package io.infrapivot.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Range flags, range names and embedded IPv4 addresses from the IANA special-purpose registries. */
class IpDetailsTest {
    private static final IndicatorParser PARSER = new IndicatorParser(PublicSuffixList.bundled(), false);

    private static Details.Ip ip(String text) {
        ParsedIndicator p = PARSER.parseAs(IndicatorType.IP, text).orElseThrow();
        return (Details.Ip) p.details();
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            # address          | version | flags                       | range name                                      | embedded IPv4
            8.8.8.8            | 4 | global                              | null                                            | null
            1.1.1.1            | 4 | global                              | null                                            | null
            10.1.2.3           | 4 | private                             | 10.0.0.0/8 Private-Use                          | null
            172.16.0.1         | 4 | private                             | 172.16.0.0/12 Private-Use                       | null
            172.31.255.255     | 4 | private                             | 172.16.0.0/12 Private-Use                       | null
            172.32.0.1         | 4 | global                              | null                                            | null
            192.168.1.1        | 4 | private                             | 192.168.0.0/16 Private-Use                      | null
            127.0.0.1          | 4 | loopback                            | 127.0.0.0/8 Loopback                            | null
            127.255.255.254    | 4 | loopback                            | 127.0.0.0/8 Loopback                            | null
            169.254.1.1        | 4 | link-local                          | 169.254.0.0/16 Link Local                       | null
            100.64.0.1         | 4 | cgnat shared                        | 100.64.0.0/10 Shared Address Space              | null
            100.127.255.255    | 4 | cgnat shared                        | 100.64.0.0/10 Shared Address Space              | null
            100.128.0.1        | 4 | global                              | null                                            | null
            224.0.0.1          | 4 | multicast                           | 224.0.0.0/4 Multicast                           | null
            239.255.255.250    | 4 | multicast                           | 224.0.0.0/4 Multicast                           | null
            233.252.0.5        | 4 | multicast documentation             | 233.252.0.0/24 MCAST-TEST-NET                   | null
            240.0.0.1          | 4 | reserved                            | 240.0.0.0/4 Reserved                            | null
            255.255.255.255    | 4 | broadcast                           | 255.255.255.255/32 Limited Broadcast            | null
            0.1.2.3            | 4 | reserved                            | 0.0.0.0/8 "This network"                        | null
            0.0.0.0            | 4 | unspecified                         | 0.0.0.0/32 "This host on this network"          | null
            192.0.2.1          | 4 | documentation                       | 192.0.2.0/24 Documentation (TEST-NET-1)         | null
            198.51.100.7       | 4 | documentation                       | 198.51.100.0/24 Documentation (TEST-NET-2)      | null
            203.0.113.200      | 4 | documentation                       | 203.0.113.0/24 Documentation (TEST-NET-3)       | null
            198.18.0.1         | 4 | benchmarking                        | 198.18.0.0/15 Benchmarking                      | null
            198.19.255.255     | 4 | benchmarking                        | 198.18.0.0/15 Benchmarking                      | null
            192.0.0.9          | 4 | reserved                            | 192.0.0.0/24 IETF Protocol Assignments          | null
            192.88.99.1        | 4 | reserved                            | 192.88.99.0/24 Deprecated (6to4 Relay Anycast)  | null
            2606:4700::1111    | 6 | global                              | null                                            | null
            ::1                | 6 | loopback                            | ::1/128 Loopback Address                        | null
            ::                 | 6 | unspecified                         | ::/128 Unspecified Address                      | null
            fe80::1            | 6 | link-local                          | fe80::/10 Link-Local Unicast                    | null
            febf::1            | 6 | link-local                          | fe80::/10 Link-Local Unicast                    | null
            fc00::1            | 6 | private unique-local                | fc00::/7 Unique-Local                           | null
            fd12:3456::1       | 6 | private unique-local                | fc00::/7 Unique-Local                           | null
            ff02::1            | 6 | multicast                           | ff00::/8 Multicast                              | null
            2001:db8::1        | 6 | documentation                       | 2001:db8::/32 Documentation                     | null
            3fff::1            | 6 | documentation                       | 3fff::/20 Documentation                         | null
            2001:2::1          | 6 | benchmarking                        | 2001:2::/48 Benchmarking                        | null
            ::ffff:192.0.2.1   | 6 | ipv4-mapped                         | ::ffff:0:0/96 IPv4-mapped Address               | 192.0.2.1
            2002:c000:0204::1  | 6 | global 6to4                         | 2002::/16 6to4                                  | 192.0.2.4
            2001:0:4136:e378:8000:63bf:3fff:fdd2 | 6 | global teredo | 2001::/32 TEREDO                                | 192.0.2.45
            64:ff9b::192.0.2.33 | 6 | global nat64                       | 64:ff9b::/96 IPv4-IPv6 Translat.                | 192.0.2.33
            64:ff9b:1::1       | 6 | private nat64                       | 64:ff9b:1::/48 Local-use IPv4/IPv6 Translation  | null
            100::1             | 6 | reserved                            | 100::/64 Discard-Only Address Block             | null
            2001:10::1         | 6 | reserved                            | 2001:10::/28 Deprecated (previously ORCHID)     | null
            fec0::1            | 6 | reserved                            | fec0::/10 Site-Local (deprecated)               | null
            """)
    void flagsAndRanges(String text, int version, String flags, String rangeName, String embedded) {
        Details.Ip d = ip(text);
        assertThat(d.version()).isEqualTo(version);
        assertThat(d.flags()).containsExactlyInAnyOrderElementsOf(Arrays.asList(flags.split(" ")));
        assertThat(d.rangeName()).isEqualTo(rangeName);
        assertThat(d.embeddedIpv4()).isEqualTo(embedded);
        assertThat(d.port()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1.2.3.4:8080        | 1.2.3.4     | 8080
            1.2.3.4:1           | 1.2.3.4     | 1
            [2001:db8::1]:443   | 2001:db8::1 | 443
            [::1]:65535         | ::1         | 65535
            """)
    void ports(String text, String value, int port) {
        ParsedIndicator p = PARSER.parse(text).orElseThrow();
        assertThat(p.type()).isEqualTo(IndicatorType.IP);
        assertThat(p.value()).isEqualTo(value);
        assertThat(((Details.Ip) p.details()).port()).isEqualTo(port);
    }

    @Test
    void flagsFollowTheDocumentedOrder() {
        assertThat(ip("100.64.0.1").flags()).containsExactly("cgnat", "shared");
        assertThat(ip("fd00::1").flags()).containsExactly("private", "unique-local");
        assertThat(ip("2002:c000:0204::1").flags()).containsExactly("global", "6to4");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            # network          | version | network       | prefix | size                                      | host bits | flags
            1.2.3.4/24         | 4 | 1.2.3.0         | 24  | 256                                        | true  | global
            10.0.0.0/8         | 4 | 10.0.0.0        | 8   | 16777216                                   | false | private
            10.1.0.0/16        | 4 | 10.1.0.0        | 16  | 65536                                      | false | private
            8.8.8.8/32         | 4 | 8.8.8.8         | 32  | 1                                          | false | global
            0.0.0.0/0          | 4 | 0.0.0.0         | 0   | 4294967296                                 | false | null
            192.0.0.0/16       | 4 | 192.0.0.0       | 16  | 65536                                      | false | null
            192.168.0.0/15     | 4 | 192.168.0.0     | 15  | 131072                                     | false | null
            2001:db8::/32      | 6 | 2001:db8::      | 32  | 79228162514264337593543950336              | false | documentation
            2001:db8:1::/48    | 6 | 2001:db8:1::    | 48  | 1208925819614629174706176                  | false | documentation
            2600::/12          | 6 | 2600::          | 12  | 83076749736557242056487941267521536        | false | global
            ::/0               | 6 | ::              | 0   | 340282366920938463463374607431768211456    | false | null
            fe80::1/64         | 6 | fe80::          | 64  | 18446744073709551616                       | true  | link-local
            """)
    void cidrs(String text, int version, String network, int prefix, String size, boolean hostBits, String flags) {
        ParsedIndicator p = PARSER.parse(text).orElseThrow();
        assertThat(p.type()).isEqualTo(IndicatorType.CIDR);
        Details.Cidr d = (Details.Cidr) p.details();
        assertThat(d.version()).isEqualTo(version);
        assertThat(d.network()).isEqualTo(network);
        assertThat(d.prefixLength()).isEqualTo(prefix);
        assertThat(d.size()).isEqualTo(size);
        assertThat(d.hostBitsSet()).isEqualTo(hostBits);
        assertThat(d.flags()).containsExactlyInAnyOrderElementsOf(flags == null ? List.of() : List.of(flags.split(" ")));
        assertThat(p.notes().contains("host bits cleared")).isEqualTo(hostBits);
    }

    @Test
    void everyTableRangeClassifiesItsOwnFirstAddress() {
        for (IpRanges.Range r : IpRanges.all()) {
            IpRanges.Classification c = IpRanges.classify(r.block().getLower().withoutPrefixLength());
            assertThat(c.rangeName()).as(r.label()).isNotNull();
            assertThat(c.flags()).as(r.label()).isNotEmpty();
        }
    }
}
