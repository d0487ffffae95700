package cn.shandong.chsync.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The hosts the service may call (sync.security.platform-hosts): a platform's or the province's
 * address naming any other (an internal service, a cloud's metadata address) is refused, at
 * start-up and again for each request, so configuration cannot turn the service against its own
 * network. Redirects are not followed (camel-http's followRedirects is off), so an answer cannot
 * lead elsewhere either.
 */
@Component
public class PlatformAddresses {

    private final Set<String> hosts;

    PlatformAddresses(AccessProperties properties) {
        this.hosts = properties.platformHosts().stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
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
        return url;
    }
}
