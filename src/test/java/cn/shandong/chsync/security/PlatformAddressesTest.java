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
}
