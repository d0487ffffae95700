package cn.shandong.chsync.api;

import cn.shandong.chsync.RequestRefused;
import cn.shandong.chsync.security.AccessProperties;
import cn.shandong.chsync.security.ApiTokens;
import cn.shandong.chsync.security.AuditLog;
import cn.shandong.chsync.security.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A user's own API tokens, and the audit trail for administrators. */
@RestController
class AccessController {

    private final ApiTokens tokens;
    private final AuditLog audit;
    private final AccessProperties properties;

    AccessController(ApiTokens tokens, AuditLog audit, AccessProperties properties) {
        this.tokens = tokens;
        this.audit = audit;
        this.properties = properties;
    }

    record TokenRequest(String label, Integer days) {
    }

    /** A new token for the signed-in user; the token is shown this once and stored only as its hash. */
    @PostMapping("/api/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    ApiTokens.Issued issue(@RequestBody(required = false) TokenRequest request, Authentication who) {
        String label = request == null || request.label() == null ? "" : request.label().strip();
        if (label.length() > 100) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "LABEL_TOO_LONG", "label: at most 100 characters", 100);
        }
        Duration lifetime = request == null || request.days() == null ? properties.tokenLifetime()
                : Duration.ofDays(request.days());
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(ApiTokens.MAX_LIFETIME) > 0) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "BAD_TOKEN_DAYS", "days: 1 to " + ApiTokens.MAX_LIFETIME.toDays(), ApiTokens.MAX_LIFETIME.toDays());
        }
        // a token must not make one that outlives it: a stolen 7-day token would otherwise be a year's
        Instant notAfter = who.getDetails() instanceof ApiTokens.Presented presented ? presented.expiresAt() : null;
        ApiTokens.Issued issued = tokens.issue(who.getName(), label, lifetime, notAfter);
        audit.record("TOKEN_ISSUED", "token " + issued.id(), label);
        return issued;
    }

    @GetMapping("/api/tokens")
    List<Map<String, Object>> mine(Authentication who) {
        return tokens.of(who.getName());
    }

    /** Every user's tokens (administrators: SecurityConfiguration). */
    @GetMapping("/api/tokens/all")
    List<Map<String, Object>> everyones() {
        return tokens.all();
    }

    /** A user revokes their own token; an administrator anyone's. */
    @DeleteMapping("/api/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable long id, Authentication who) {
        boolean admin = who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + Role.ADMIN.name()));
        if (!(admin ? tokens.revokeAny(id) : tokens.revoke(id, who.getName()))) {
            throw new RequestRefused(HttpStatus.NOT_FOUND, "NO_TOKEN", "no token " + id + (admin ? "" : " of yours") + " is in force", id);
        }
        audit.record("TOKEN_REVOKED", "token " + id, null);
    }

    /** The audit trail, newest first: by actor, action, target (e.g. a person's hash) and time. */
    @GetMapping("/api/audit")
    Map<String, Object> auditTrail(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                                   @RequestParam(required = false) String target, @RequestParam(required = false) Instant from,
                                   @RequestParam(required = false) Instant to, @RequestParam(defaultValue = "100") int limit) {
        AuditLog.Page page = audit.find(actor, action, target, from, to, Math.max(1, Math.min(limit, 1000)));
        return Map.of("items", page.events(), "total", page.total());
    }
}
