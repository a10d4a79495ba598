package io.infrapivot.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.app.web.Guard.OriginPolicy;
import io.infrapivot.app.web.Guard.Refusal;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuardTest {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void loopbackAcceptsItsOwnNamesAndRefusesRebindingNames() throws Exception {
        Guard g = new Guard(LOOPBACK, Set.of("pivot.lan"), null);
        assertThat(g.hostAllowed("127.0.0.1:8765")).isTrue();
        assertThat(g.hostAllowed("localhost:8765")).isTrue();
        assertThat(g.hostAllowed("LOCALHOST")).isTrue();
        assertThat(g.hostAllowed("[::1]:8765")).isTrue();
        assertThat(g.hostAllowed("pivot.lan:8765")).isTrue();
        assertThat(g.hostAllowed("evil.example:8765")).isFalse();
        assertThat(g.hostAllowed("127.0.0.1.evil.example")).isFalse();
        assertThat(g.hostAllowed("10.1.2.3:8765")).isFalse();
        assertThat(g.hostAllowed("")).isFalse();
        assertThat(g.hostAllowed(null)).isFalse();
    }

    @Test
    void aSpecificBindAcceptsOnlyItsAddressAndAllowedNames() throws Exception {
        Guard g = new Guard(InetAddress.getByName("192.0.2.10"), Set.of("Pivot.Lan"), "t0k");
        assertThat(g.hostAllowed("192.0.2.10:8765")).isTrue();
        assertThat(g.hostAllowed("pivot.lan")).isTrue();
        assertThat(g.hostAllowed("localhost")).isFalse();
        assertThat(g.hostAllowed("127.0.0.1")).isFalse();
        assertThat(g.hostAllowed("192.0.2.11")).isFalse();
    }

    @Test
    void theTokenComesAsCookieQueryOrBearer() {
        Guard g = new Guard(LOOPBACK, Set.of(), "secret-token");
        assertThat(g.tokenOk(null, null, null)).isFalse();
        assertThat(g.tokenOk("a=b; infrapivot_token=wrong", null, null)).isFalse();
        assertThat(g.tokenOk("a=b; infrapivot_token=secret-token", null, null)).isTrue();
        assertThat(g.tokenOk(null, "secret-token", null)).isTrue();
        assertThat(g.tokenOk(null, null, "Bearer secret-token")).isTrue();
        assertThat(g.tokenOk(null, "secret-tokenX", null)).isFalse();
        assertThat(new Guard(LOOPBACK, Set.of(), null).tokenOk(null, null, null)).isTrue();
    }

    @Test
    void stateChangesNeedPostAndOurOrigin() {
        Guard g = new Guard(LOOPBACK, Set.of(), null);
        String host = "127.0.0.1:8765";
        assertThat(g.check("POST", host, "http://127.0.0.1:8765", null, null, null, OriginPolicy.REQUIRED)).isEmpty();
        assertThat(g.check("POST", host, null, null, null, null, OriginPolicy.REQUIRED)).contains(Refusal.BAD_ORIGIN);
        assertThat(g.check("POST", host, "http://evil.example", null, null, null, OriginPolicy.REQUIRED))
                .contains(Refusal.BAD_ORIGIN);
        assertThat(g.check("POST", host, "https://127.0.0.1:8765", null, null, null, OriginPolicy.REQUIRED))
                .contains(Refusal.BAD_ORIGIN);
        assertThat(g.check("POST", host, "null", null, null, null, OriginPolicy.REQUIRED)).contains(Refusal.BAD_ORIGIN);
        assertThat(g.check("POST", host, null, null, null, null, OriginPolicy.IF_PRESENT)).isEmpty();
        assertThat(g.check("POST", host, "http://evil.example", null, null, null, OriginPolicy.IF_PRESENT))
                .contains(Refusal.BAD_ORIGIN);
        assertThat(g.check("DELETE", host, "http://127.0.0.1:8765", null, null, null, OriginPolicy.REQUIRED))
                .contains(Refusal.BAD_METHOD);
        assertThat(g.check("GET", host, "http://evil.example", null, null, null, OriginPolicy.REQUIRED))
                .contains(Refusal.BAD_ORIGIN);
        assertThat(g.check("GET", host, null, null, null, null, OriginPolicy.REQUIRED)).isEmpty();
        assertThat(g.check("GET", "evil.example:8765", null, null, null, null, OriginPolicy.REQUIRED))
                .isEqualTo(Optional.of(Refusal.BAD_HOST));
    }

    @Test
    void hostIsCheckedBeforeTheToken() {
        Guard g = new Guard(LOOPBACK, Set.of(), "tok");
        assertThat(g.check("GET", "evil.example", null, null, null, null, OriginPolicy.REQUIRED)).contains(Refusal.BAD_HOST);
        assertThat(g.check("GET", "127.0.0.1", null, null, null, null, OriginPolicy.REQUIRED)).contains(Refusal.NO_TOKEN);
        assertThat(g.check("GET", "127.0.0.1", null, null, "tok", null, OriginPolicy.REQUIRED)).isEmpty();
    }
}
