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
class ApiTokens {

    static final Duration MAX_LIFETIME = Duration.ofDays(366);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record Issued(long id, String token, Instant expiresAt) {
    }

    Issued issue(String username, String label, Duration lifetime) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = "chs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = Instant.now(clock);
        Instant expires = now.plus(lifetime);
        jdbc.update("""
                INSERT INTO api_token (token_hash, username, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
                """, sha256(token), username, label, Timestamp.from(now), Timestamp.from(expires));
        Long id = jdbc.queryForObject("SELECT id FROM api_token WHERE token_hash = ?", Long.class, sha256(token));
        return new Issued(id, token, expires);
    }

    /** The user a token acts for, while it is neither expired nor revoked. */
    Optional<String> userOf(String token) {
        Timestamp now = Timestamp.from(Instant.now(clock));
        return jdbc.queryForList("""
                SELECT username FROM api_token WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?
                """, String.class, sha256(token), now).stream().findFirst();
    }

    List<Map<String, Object>> of(String username) {
        return jdbc.queryForList("""
                SELECT id, label, created_at AS "createdAt", expires_at AS "expiresAt", revoked_at AS "revokedAt"
                FROM api_token WHERE username = ? ORDER BY id
                """, username);
    }

    boolean revoke(long id, String username) {
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
