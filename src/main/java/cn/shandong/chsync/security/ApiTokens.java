package cn.shandong.chsync.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Bearer tokens for programs that call the API (a bureau's import job, a monitoring script). A
 * token acts as the user who issued it, with that user's role as configured now; only its
 * SHA-256 is stored, so the table gives no working token away.
 */
@Component
public class ApiTokens {

    public static final Duration MAX_LIFETIME = Duration.ofDays(366);

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiTokens.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Accounts accounts;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcTemplate jdbc, Clock clock, Accounts accounts) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.accounts = accounts;
    }

    /** At start-up: the tokens of users no longer configured are revoked (they were refused already: no account). */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void revokeRemovedUsers() {
        int revoked = revokeAllBut(accounts.names());
        if (revoked > 0) {
            log.warn("{} API tokens revoked: their users are no longer configured", revoked);
        }
    }

    public record Issued(long id, String token, Instant expiresAt) {
    }

    /** A token that ends after {@code lifetime}, or at {@code notAfter} if that is sooner (null: no bound). */
    public Issued issue(String username, String label, Duration lifetime, Instant notAfter) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = "chs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        // the database keeps milliseconds: the answer says what is stored
        Instant now = Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Instant expires = notAfter != null && notAfter.isBefore(now.plus(lifetime)) ? notAfter : now.plus(lifetime);
        jdbc.update("""
                INSERT INTO api_token (token_hash, username, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
                """, sha256(token), username, label, Timestamp.from(now), Timestamp.from(expires));
        Long id = jdbc.queryForObject("SELECT id FROM api_token WHERE token_hash = ?", Long.class, sha256(token));
        return new Issued(id, token, expires);
    }

    /** A token in force as presented with a request: whose it is and when it ends (what it may issue ends no later). */
    public record Presented(String username, Instant expiresAt) {
    }

    /** The user a token acts for, while it is neither expired nor revoked. */
    Optional<Presented> userOf(String token) {
        Timestamp now = Timestamp.from(Instant.now(clock));
        return jdbc.query("""
                SELECT username, expires_at FROM api_token WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?
                """, (rs, i) -> new Presented(rs.getString(1), rs.getTimestamp(2).toInstant()), sha256(token), now)
                .stream().findFirst();
    }

    /** Every user's tokens, for administrators. */
    public List<Map<String, Object>> all() {
        return jdbc.queryForList("""
                SELECT id, username, label, created_at AS "createdAt", expires_at AS "expiresAt", revoked_at AS "revokedAt"
                FROM api_token ORDER BY id
                """);
    }

    /** An administrator revokes anyone's token. */
    public boolean revokeAny(long id) {
        return jdbc.update("UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                Timestamp.from(Instant.now(clock)), id) == 1;
    }

    /**
     * Revokes the tokens of every user not among {@code users}: a user taken out of the
     * configuration loses them for good, even should the name be given to someone else later.
     */
    int revokeAllBut(java.util.Collection<String> users) {
        Timestamp now = Timestamp.from(Instant.now(clock));
        List<String> holders = jdbc.queryForList("SELECT DISTINCT username FROM api_token WHERE revoked_at IS NULL", String.class);
        int revoked = 0;
        for (String holder : holders) {
            if (!users.contains(holder)) {
                revoked += jdbc.update("UPDATE api_token SET revoked_at = ? WHERE username = ? AND revoked_at IS NULL", now, holder);
            }
        }
        return revoked;
    }

    public List<Map<String, Object>> of(String username) {
        return jdbc.queryForList("""
                SELECT id, label, created_at AS "createdAt", expires_at AS "expiresAt", revoked_at AS "revokedAt"
                FROM api_token WHERE username = ? ORDER BY id
                """, username);
    }

    public boolean revoke(long id, String username) {
        return jdbc.update("UPDATE api_token SET revoked_at = ? WHERE id = ? AND username = ? AND revoked_at IS NULL",
                Timestamp.from(Instant.now(clock)), id, username) == 1;
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
