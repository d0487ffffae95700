package cn.shandong.chsync.security;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit trail a bureau's auditor reads: every read of an ID number in clear, every support
 * and operator action, every sign-in refused and token issued. Written in the caller's
 * transaction, so an action and its audit row stand or fall together. A person is named by the
 * keyed hash of their ID number, never in clear.
 */
@Component
public class AuditLog {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    AuditLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What was done (ID_NUMBER_READ, RETRY, SYNC, …), to what, and anything worth keeping about it. */
    public void record(String action, String target, String detail) {
        record(SignedIn.actor(), action, target, detail);
    }

    /** The same, for an action done in a user's name off the request that asked for it. */
    public void record(String actor, String action, String target, String detail) {
        jdbc.update("""
                INSERT INTO audit_event (at, actor, role, action, target, detail, remote_address)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, Timestamp.from(Instant.now(clock)), actor, SignedIn.role().map(Enum::name).orElse(null), action,
                cut(target, 200), cut(detail, 1000), remoteAddress());
    }

    private static String remoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /** One page of the audit trail, newest first, and how many events the filters select in all. */
    public record Page(List<Map<String, Object>> events, int total) {
    }

    /** The events of one actor, action and target where given, at or after {@code from} and before {@code to}. */
    public Page find(String actor, String action, String target, Instant from, Instant to, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (actor != null) {
            where.append(" AND actor = ?");
            args.add(actor);
        }
        if (action != null) {
            where.append(" AND action = ?");
            args.add(action);
        }
        if (target != null) {
            where.append(" AND target = ?");
            args.add(target);
        }
        if (from != null) {
            where.append(" AND at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            where.append(" AND at < ?");
            args.add(Timestamp.from(to));
        }
        Integer total = jdbc.queryForObject("SELECT COUNT(*) FROM audit_event" + where, Integer.class, args.toArray());
        args.add(limit);
        List<Map<String, Object>> events = jdbc.queryForList("""
                SELECT id, at, actor, role, action, target, detail, remote_address AS "remoteAddress" FROM audit_event
                """ + where + " ORDER BY id DESC LIMIT ?", args.toArray());
        return new Page(events, total == null ? 0 : total);
    }
}
