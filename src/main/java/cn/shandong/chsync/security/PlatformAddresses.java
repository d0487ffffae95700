package cn.shandong.chsync.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The hosts the service may call (sync.security.platform-hosts): a platform's or the province's
 * address naming any other (an internal service, a cloud's metadata address) is refused, at
 * start-up and again for each request, so configuration cannot turn the service against its own
 * network. The name is not enough: an allowed name whose DNS answer is a loopback, private,
 * link-local (the metadata address 169.254.169.254 among them), unique-local or unspecified
 * address is refused too, unless the host is named in sync.security.private-hosts (the demo's
 * and the tests' simulators on localhost, a compose network's service). Outside the demo an
 * address must be https unless its host is named in sync.security.plain-http-hosts. Redirects
 * are not followed (camel-http's followRedirects is off; the tally client's too), so an answer
 * cannot lead elsewhere either. The check is made again when a connection is opened, on the
 * very addresses it connects to ({@link #resolve}).
 */
@Component
public class PlatformAddresses {

    private final Set<String> hosts;
    private final Set<String> privateHosts;
    private final Set<String> plainHttpHosts;
    private final boolean demo;

    PlatformAddresses(AccessProperties properties, @Value("${sync.security.private-hosts:}") List<String> privateHosts,
                      @Value("${sync.security.plain-http-hosts:}") List<String> plainHttpHosts,
                      @Value("${sync.simulators.enabled:true}") boolean demo) {
        this.hosts = names(properties.platformHosts());
        this.privateHosts = names(privateHosts);
        this.plainHttpHosts = names(plainHttpHosts);
        this.demo = demo;
    }

    private static Set<String> names(List<String> hosts) {
        return hosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The address, when it is http(s) to an allowed host; else IllegalArgumentException saying whose it is and why. */
    public String check(String url, String whose) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(whose + ": '" + url + "' is not an address");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(whose + ": only http and https addresses, not '" + url + "'");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (uri.getUserInfo() != null || !hosts.contains(host)) {
            throw new IllegalArgumentException(whose + ": the host '" + host + "' is not in sync.security.platform-hosts "
                    + "(SYNC_PLATFORM_HOSTS)");
        }
        if (!demo && scheme.equals("http") && !plainHttpHosts.contains(host)) {
            throw new IllegalArgumentException(whose + ": '" + host + "' is called over plain http; use https, or name the "
                    + "host in sync.security.plain-http-hosts (SYNC_PLAIN_HTTP_HOSTS)");
        }
        if (!privateHosts.contains(host)) {
            String inside = internal(host);
            if (inside != null) {
                throw new IllegalArgumentException(whose + ": '" + host + "' resolves to " + inside + ", an address inside "
                        + "this network; name the host in sync.security.private-hosts (SYNC_PRIVATE_HOSTS) if it is meant");
            }
        }
        return url;
    }

    /**
     * The addresses a connection to {@code host} may use: its DNS answer, refused whole when one of
     * them is inside this network and the host is not named in sync.security.private-hosts. The
     * HTTP clients connect through this (PlatformConnections), so the address checked is the
     * address connected to: a name that answered a public address to the check above and a
     * private one a moment later (DNS rebinding) is refused at the connection.
     */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        if (!privateHosts.contains(host.toLowerCase(Locale.ROOT))) {
            String inside = internal(addresses);
            if (inside != null) {
                throw new UnknownHostException(host + " resolves to " + inside + ", an address inside this network; name the "
                        + "host in sync.security.private-hosts (SYNC_PRIVATE_HOSTS) if it is meant");
            }
        }
        return addresses;
    }

    /** The first of the host's addresses that is inside this network (its text), or null; unresolvable: null, the call fails itself. */
    static String internal(String host) {
        try {
            return internal(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static String internal(InetAddress[] addresses) {
        for (InetAddress a : addresses) {
            byte[] b = a.getAddress();
            boolean uniqueLocal = b.length == 16 && (b[0] & 0xFE) == 0xFC; // fc00::/7
            boolean sharedNat = b.length == 4 && (b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64; // 100.64.0.0/10
            if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                    || a.isMulticastAddress() || uniqueLocal || sharedNat) {
                return a.getHostAddress();
            }
        }
        return null;
    }
}
