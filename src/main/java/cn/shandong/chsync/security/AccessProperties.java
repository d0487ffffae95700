package cn.shandong.chsync.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who may sign in, the keys that protect ID numbers, and what the service may reach (key prefix
 * sync.security). Outside the demo every value must be set; {@link Accounts} and
 * {@link IdProtection} refuse to start on an empty or default one.
 *
 * @param users          who may sign in; in the demo run (simulators on) the demo users are used instead
 * @param idNumbers      the keys of the ID numbers' encryption and keyed hash
 * @param platformHosts  the hosts a platform's or the province's address may name (no SSRF through configuration)
 * @param tokenLifetime  how long an API token is good for when its request names no lifetime
 * @param maxRequestBytes the largest request body an endpoint of the service accepts
 */
@Validated
@ConfigurationProperties(prefix = "sync.security")
public record AccessProperties(List<@Valid User> users, @NotNull @Valid IdNumbers idNumbers, List<String> platformHosts,
                               @NotNull Duration tokenLifetime, @Min(1024) long maxRequestBytes,
                               @Min(1024) long maxSimulatorRequestBytes) {

    public AccessProperties {
        users = users == null ? List.of() : List.copyOf(users);
        platformHosts = platformHosts == null ? List.of() : List.copyOf(platformHosts);
    }

    /**
     * @param password a password hash as Spring's DelegatingPasswordEncoder writes it ({bcrypt}…), or
     *                 the password itself, hashed at start-up
     * @param city     a bureau's city (GB/T 2260); empty for the other roles
     */
    public record User(String username, String password, Role role, String city) {
    }

    /**
     * @param currentKey the key id new ciphertexts are written with
     * @param keys       key id → a 256-bit AES key, Base64; old ids stay to read what they wrote
     * @param hashKey    the HMAC-SHA256 key of the matching hash, Base64 (at least 256 bits); it cannot
     *                   change without re-hashing every row, so it has no id
     */
    public record IdNumbers(String currentKey, Map<String, String> keys, String hashKey) {

        public IdNumbers {
            keys = keys == null ? Map.of() : Map.copyOf(keys);
        }
    }
}
