package cn.shandong.chsync.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The users who may sign in. Configured (sync.security.users) wherever the service holds real
 * data; the demo run (simulators on) has its four well-known users instead, and anywhere else a
 * missing, empty or well-known password stops start-up.
 */
final class Accounts implements UserDetailsService {

    /** The demo's users: name = password. The bureau user is Binzhou's (滨州). */
    static final List<AccessProperties.User> DEMO = List.of(
            new AccessProperties.User("admin", "admin", Role.ADMIN, null),
            new AccessProperties.User("operator", "operator", Role.OPERATOR, null),
            new AccessProperties.User("support", "support", Role.SUPPORT, null),
            new AccessProperties.User("bureau", "bureau", Role.BUREAU, "371600"));

    private static final Set<String> WELL_KNOWN = Set.of("admin", "operator", "support", "bureau", "password",
            "123456", "changeme", "secret");
    private static final int MIN_PASSWORD = 12;

    /** A signed-in user as the service sees one: the role, and a bureau's city. */
    static final class Account extends User {

        private final Role role;
        private final String city;

        Account(String username, String password, Role role, String city) {
            super(username, password, List.of(new SimpleGrantedAuthority(role.authority())));
            this.role = role;
            this.city = city;
        }

        Role role() {
            return role;
        }

        Optional<String> city() {
            return Optional.ofNullable(city);
        }
    }

    private final Map<String, Account> accounts;

    private Accounts(Map<String, Account> accounts) {
        this.accounts = accounts;
    }

    /** The configured users, or in the demo the demo users; IllegalStateException names what is wrong. */
    static Accounts of(List<AccessProperties.User> configured, boolean demo, PasswordEncoder encoder) {
        List<AccessProperties.User> users = demo && configured.isEmpty() ? DEMO : configured;
        if (users.isEmpty()) {
            throw new IllegalStateException("no users: set sync.security.users (SYNC_SECURITY_USERS_0_USERNAME, "
                    + "_PASSWORD, _ROLE and, for a bureau, _CITY); the demo users exist only where the simulators run");
        }
        Map<String, Account> accounts = new LinkedHashMap<>();
        for (int i = 0; i < users.size(); i++) {
            AccessProperties.User user = users.get(i);
            String where = "sync.security.users[" + i + "]";
            if (user.username() == null || !user.username().matches("[A-Za-z0-9._@-]{1,64}")) {
                throw new IllegalStateException(where + ".username: 1-64 letters, digits or . _ @ -");
            }
            if (user.role() == null) {
                throw new IllegalStateException(where + ".role: one of OPERATOR, SUPPORT, BUREAU, ADMIN");
            }
            if (user.role() == Role.BUREAU != (user.city() != null && !user.city().isBlank())) {
                throw new IllegalStateException(where + ".city: a bureau user has its city (six digits), no other role has one");
            }
            if (user.city() != null && !user.city().isBlank() && !user.city().matches("\\d{6}")) {
                throw new IllegalStateException(where + ".city: a six-digit GB/T 2260 code");
            }
            String password = user.password();
            if (!demo) {
                refuseWeak(where, user.username(), password);
            }
            String hash = password != null && password.startsWith("{") ? password : encoder.encode(password);
            if (accounts.put(user.username(), new Account(user.username(), hash, user.role(),
                    user.city() == null || user.city().isBlank() ? null : user.city())) != null) {
                throw new IllegalStateException(where + ".username: '" + user.username() + "' is there twice");
            }
        }
        return new Accounts(java.util.Collections.unmodifiableMap(accounts));
    }

    private static void refuseWeak(String where, String username, String password) {
        if (password == null || password.isBlank()) {
            throw new IllegalStateException(where + ".password is empty");
        }
        if (password.startsWith("{")) {
            // A hash: its strength was the person's who made it, except for an unhashed {noop} password.
            if (password.startsWith("{noop}")) {
                refuseWeak(where, username, password.substring("{noop}".length()));
            }
            return;
        }
        if (password.length() < MIN_PASSWORD || WELL_KNOWN.contains(password.toLowerCase())
                || password.equalsIgnoreCase(username)) {
            throw new IllegalStateException(where + ".password of '" + username + "' is a default or weak one (at least "
                    + MIN_PASSWORD + " characters, not the user name, not a well-known password)");
        }
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Account account = accounts.get(username);
        if (account == null) {
            throw new UsernameNotFoundException("no such user");
        }
        // A fresh copy each time: Spring erases the password of what it authenticated.
        return new Account(account.getUsername(), account.getPassword(), account.role(), account.city().orElse(null));
    }

    Optional<Account> find(String username) {
        return Optional.ofNullable(accounts.get(username));
    }

    java.util.Set<String> names() {
        return java.util.Set.copyOf(accounts.keySet());
    }

    List<String> describe() {
        List<String> lines = new ArrayList<>();
        accounts.values().forEach(a -> lines.add(a.getUsername() + " (" + a.role() + a.city().map(c -> ", city " + c).orElse("") + ")"));
        return lines;
    }
}
