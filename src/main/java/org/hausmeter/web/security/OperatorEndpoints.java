package org.hausmeter.web.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The policy {@value #NAME} of {@code /q/metrics} and {@code /q/openapi} (application.properties): a caretaker
 * (session or Basic), or a client whose TCP address lies in {@code hausmeter.operator.networks} (addresses or
 * CIDR blocks, e.g. the monitoring box; empty by default). Anybody else is refused: anonymous with 401
 * ({@link ApiChallenge}), a resident with 403. {@code /q/health} stays public.
 */
@ApplicationScoped
public class OperatorEndpoints implements HttpSecurityPolicy {

    static final String NAME = "operator";
    static final String ROLE = "CARETAKER";

    private final List<byte[][]> networks = new ArrayList<>();

    OperatorEndpoints(@ConfigProperty(name = "hausmeter.operator.networks") Optional<List<String>> networks) {
        for (String n : networks.orElse(List.of())) {
            if (!n.isBlank()) {
                this.networks.add(parse(n.trim()));
            }
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<CheckResult> checkPermission(
            RoutingContext rc, Uni<SecurityIdentity> identity, AuthorizationRequestContext context) {
        if (fromOperatorNetwork(rc.request().remoteAddress())) {
            return CheckResult.permit();
        }
        return identity.map(
                id -> id != null && !id.isAnonymous() && id.hasRole(ROLE) ? CheckResult.PERMIT : CheckResult.DENY);
    }

    boolean fromOperatorNetwork(SocketAddress peer) {
        if (peer == null || peer.hostAddress() == null || networks.isEmpty()) {
            return false;
        }
        byte[] address;
        try {
            address = InetAddress.getByName(peer.hostAddress()).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        for (byte[][] n : networks) {
            if (contains(n, address)) {
                return true;
            }
        }
        return false;
    }

    /** "10.0.0.5" or "10.0.0.0/24" or "fd00::/8" as {address, mask}. Only literal addresses: no name look-up. */
    static byte[][] parse(String network) {
        int slash = network.indexOf('/');
        String host = slash < 0 ? network : network.substring(0, slash);
        if (!host.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException(
                    "hausmeter.operator.networks: not an IP address or CIDR block [" + network + "]");
        }
        byte[] address;
        try {
            address = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("hausmeter.operator.networks: not an IP address [" + network + "]", e);
        }
        int bits = slash < 0 ? address.length * 8 : Integer.parseInt(network.substring(slash + 1));
        if (bits < 0 || bits > address.length * 8) {
            throw new IllegalArgumentException("hausmeter.operator.networks: bad prefix length [" + network + "]");
        }
        byte[] mask = new byte[address.length];
        for (int i = 0; i < bits; i++) {
            mask[i / 8] |= (byte) (0x80 >>> (i % 8));
        }
        return new byte[][] {address, mask};
    }

    static boolean contains(byte[][] network, byte[] address) {
        if (network[0].length != address.length) {
            return false;
        }
        for (int i = 0; i < address.length; i++) {
            if ((address[i] & network[1][i]) != (network[0][i] & network[1][i])) {
                return false;
            }
        }
        return true;
    }
}
