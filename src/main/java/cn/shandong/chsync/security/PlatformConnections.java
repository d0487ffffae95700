package cn.shandong.chsync.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The connections to the platforms and the province: one pool, shared by camel-http
 * (camel.component.http.client-connection-manager) and the daily tally's client, whose host
 * names are resolved through {@link PlatformAddresses#resolve}. The address a connection is
 * opened to is the one checked, not a second answer of the DNS (pinned for the request).
 */
@Configuration
class PlatformConnections {

    /** camel-http's own pool sizes. */
    private static final int MAX_TOTAL = 200;
    private static final int MAX_PER_ROUTE = 20;

    @Bean(destroyMethod = "close")
    PoolingHttpClientConnectionManager platformConnectionPool(PlatformAddresses addresses,
            @Value("${camel.component.http.connect-timeout:5000}") long connectTimeoutMs,
            @Value("${camel.component.http.so-timeout:30000}") long soTimeoutMs) {
        DnsResolver checked = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return addresses.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
            }
        };
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(checked)
                .setMaxConnTotal(MAX_TOTAL)
                .setMaxConnPerRoute(MAX_PER_ROUTE)
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.ofMilliseconds(soTimeoutMs)).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(connectTimeoutMs))
                        .setSocketTimeout(Timeout.ofMilliseconds(soTimeoutMs))
                        .build())
                .build();
    }
}
