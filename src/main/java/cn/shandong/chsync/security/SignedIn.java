package cn.shandong.chsync.security;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who the current request is from, for the code that limits what a user sees. */
public final class SignedIn {

    private SignedIn() {
    }

    /** The user's name, or "system" for what the service does by itself (a cron, a retry loop). */
    public static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() ? "system" : auth.getName();
    }

    /** The city a bureau user is limited to; empty for every other role (and for the service itself). */
    public static Optional<String> city() {
        return account().flatMap(Accounts.Account::city);
    }

    /**
     * Whether the user's work needs ID numbers in clear: support staff (a record to correct at its
     * platform), a bureau (its own people), administrators. Operators never see them. Every such
     * read is audited by the code that gives it.
     */
    public static boolean seesClearIdNumbers() {
        return account().map(a -> a.role().seesClearIdNumbers()).orElse(false);
    }

    public static Optional<Role> role() {
        return account().map(Accounts.Account::role);
    }

    private static Optional<Accounts.Account> account() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof Accounts.Account account ? Optional.of(account) : Optional.empty();
    }
}
