package org.hausmeter.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.net.SocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OperatorEndpointsTest {

    @Test
    void networks_matchAddressesAndCidrBlocks_only() {
        OperatorEndpoints p = new OperatorEndpoints(Optional.of(List.of("192.168.1.20", "10.0.0.0/24", "fd00::/8")));
        assertThat(p.fromOperatorNetwork(SocketAddress.inetSocketAddress(1234, "192.168.1.20")))
                .isTrue();
        assertThat(p.fromOperatorNetwork(SocketAddress.inetSocketAddress(1234, "192.168.1.21")))
                .isFalse();
        assertThat(p.fromOperatorNetwork(SocketAddress.inetSocketAddress(1234, "10.0.0.255")))
                .isTrue();
        assertThat(p.fromOperatorNetwork(SocketAddress.inetSocketAddress(1234, "10.0.1.1")))
                .isFalse();
        assertThat(p.fromOperatorNetwork(SocketAddress.inetSocketAddress(1234, "fd12::1")))
                .isTrue();
        assertThat(p.fromOperatorNetwork(SocketAddress.inetSocketAddress(1234, "127.0.0.1")))
                .isFalse();
        assertThat(new OperatorEndpoints(Optional.empty())
                        .fromOperatorNetwork(SocketAddress.inetSocketAddress(1, "127.0.0.1")))
                .isFalse();
        assertThatThrownBy(() -> OperatorEndpoints.parse("monitor.example"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OperatorEndpoints.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }
}
