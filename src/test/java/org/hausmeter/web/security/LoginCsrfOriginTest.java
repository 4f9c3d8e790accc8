package org.hausmeter.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.net.HostAndPort;
import org.junit.jupiter.api.Test;

/**
 * The login form's same-origin check over HTTPS: browsers speak HTTP/2 there, whose requests carry no {@code Host}
 * header but an {@code :authority}. Found by the offline install proof (install/prove-offline-install.sh), where every
 * login over HTTPS was refused with 403.
 */
class LoginCsrfOriginTest {

    @Test
    void http2RequestWithoutHostHeader_usesTheAuthority() {
        String host = LoginCsrf.requestHost(null, HostAndPort.create("hausmeter.local", 443));
        assertThat(host).isEqualTo("hausmeter.local:443");
        assertThat(LoginCsrf.sameOrigin("https://hausmeter.local", "https", host))
                .isTrue();
        assertThat(LoginCsrf.sameOrigin("https://evil.example", "https", host)).isFalse();
    }

    @Test
    void authorityWithoutPort_andIpv6() {
        assertThat(LoginCsrf.requestHost(null, HostAndPort.create("hausmeter.local", -1)))
                .isEqualTo("hausmeter.local");
        String v6 = LoginCsrf.requestHost(null, HostAndPort.create("fd00::20", 8443));
        assertThat(v6).isEqualTo("[fd00::20]:8443");
        assertThat(LoginCsrf.sameOrigin("https://[fd00::20]:8443", "https", v6)).isTrue();
    }

    @Test
    void hostHeaderWins_andNeitherMeansRefused() {
        assertThat(LoginCsrf.requestHost("a.local:8443", HostAndPort.create("b.local", 443)))
                .isEqualTo("a.local:8443");
        assertThat(LoginCsrf.requestHost(null, null)).isNull();
        assertThat(LoginCsrf.sameOrigin("https://a.local", "https", null)).isFalse();
        assertThat(LoginCsrf.sameOrigin(null, "https", null)).isTrue();
    }
}
