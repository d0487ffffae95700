package cn.shandong.chsync.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformAddressesTest {

    private static PlatformAddresses addresses(List<String> hosts, List<String> privateHosts, List<String> plainHttp, boolean demo) {
        return new PlatformAddresses(new AccessProperties(List.of(), new AccessProperties.IdNumbers(null, Map.of(), null), hosts,
                Duration.ofDays(30), 65536, 65536), privateHosts, plainHttp, demo);
    }

    @Test
    void anAllowedNameThatResolvesInsideTheNetworkIsRefusedUnlessNamedAsPrivate() {
        PlatformAddresses strict = addresses(List.of("localhost", "169.254.169.254", "10.1.2.3"), List.of(), List.of(), true);

        assertThatThrownBy(() -> strict.check("http://localhost:8080/sim", "sdbz")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("sdbz: 'localhost' resolves to ").hasMessageContaining("name the host in sync.security.private-hosts");
        assertThatThrownBy(() -> strict.check("http://169.254.169.254/latest/meta-data", "sdbz"))
                .hasMessageStartingWith("sdbz: '169.254.169.254' resolves to 169.254.169.254, an address inside this network");
        assertThatThrownBy(() -> strict.check("https://10.1.2.3/api", "sdbz")).hasMessageContaining("resolves to 10.1.2.3");

        PlatformAddresses demo = addresses(List.of("localhost"), List.of("localhost"), List.of(), true);
        assertThat(demo.check("http://localhost:8080/sim", "sdbz")).isEqualTo("http://localhost:8080/sim");
    }

    @Test
    void outsideTheDemoPlainHttpIsRefusedUnlessTheHostIsNamed() {
        PlatformAddresses production = addresses(List.of("localhost", "127.0.0.1"), List.of("localhost", "127.0.0.1"),
                List.of("127.0.0.1"), false);

        assertThatThrownBy(() -> production.check("http://localhost:8090/sim", "sync.province.base-url"))
                .hasMessage("sync.province.base-url: 'localhost' is called over plain http; use https, or name the host in "
                        + "sync.security.plain-http-hosts (SYNC_PLAIN_HTTP_HOSTS)");
        assertThat(production.check("https://localhost:8443/api", "sdbz")).isEqualTo("https://localhost:8443/api");
        assertThat(production.check("http://127.0.0.1:8090/sim", "sdbz")).isEqualTo("http://127.0.0.1:8090/sim");
    }

    @Test
    void aConnectionIsOpenedOnlyToAnAddressTheCheckPassedAtThatMoment() throws Exception {
        // given a server on loopback, and a service whose allow-list names localhost but not as private
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        String url = "http://localhost:" + server.getAddress().getPort() + "/";
        try (var strict = new PlatformConnections().platformConnectionPool(
                     addresses(List.of("localhost"), List.of(), List.of(), true), 5000, 30000);
             var allowed = new PlatformConnections().platformConnectionPool(
                     addresses(List.of("localhost"), List.of("localhost"), List.of(), true), 5000, 30000)) {
            // when a request gets past the check made before it (as a DNS answer that changed since would)
            // then the connection itself is refused, naming the address and the setting
            assertThatThrownBy(() -> status(strict, url)).isInstanceOf(java.net.UnknownHostException.class)
                    .hasMessageStartingWith("localhost resolves to ").hasMessageContaining("SYNC_PRIVATE_HOSTS");
            // and with the host named as private, the same request goes through
            assertThat(status(allowed, url)).isEqualTo(204);
        } finally {
            server.stop(0);
        }
    }

    private static int status(org.apache.hc.client5.http.io.HttpClientConnectionManager connections, String url) throws Exception {
        try (var client = org.apache.hc.client5.http.impl.classic.HttpClients.custom().setConnectionManager(connections)
                .setConnectionManagerShared(true).build()) {
            return client.execute(new org.apache.hc.client5.http.classic.methods.HttpGet(url), response -> response.getCode());
        }
    }
}
