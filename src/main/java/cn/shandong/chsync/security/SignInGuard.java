package cn.shandong.chsync.security;

import cn.shandong.chsync.record.IdNumber;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Where sign-in meets {@link SignInThrottle}: a filter in front of the form and Basic sign-in that
 * answers 429 (with Retry-After) while a name or an address is held back, before any password is
 * checked; and the listeners that count refusals and successes and audit the refusals, bounded.
 */
@Component
class SignInGuard {

    private static final Logger log = LoggerFactory.getLogger(SignInGuard.class);

    private final SignInThrottle throttle;
    private final AuditLog audit;

    SignInGuard(SignInProperties p, AuditLog audit, Clock clock) {
        this.throttle = new SignInThrottle(new SignInThrottle.Limits(p.userFreeFailures(), p.userLockoutAfter()),
                new SignInThrottle.Limits(p.addressFreeFailures(), p.addressLockoutAfter()), p.backoffBase(), p.lockout(),
                p.maxTracked(), p.auditPerMinute(), clock);
        this.audit = audit;
    }

    /** The filter to put before the sign-in filters. */
    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Optional<String> name = nameTried(request);
                Optional<Duration> wait = name.isEmpty() ? Optional.empty() : throttle.wait(name.get(), request.getRemoteAddr());
                if (wait.isPresent()) {
                    long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                    response.sendError(429, "too many refused sign-ins for this user or from this address: try again in "
                            + seconds + " s");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    /** The user name a request signs in with (form or Basic); empty for any other request. */
    static Optional<String> nameTried(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return Optional.of(colon < 0 ? pair : pair.substring(0, colon));
            } catch (IllegalArgumentException e) {
                return Optional.of("");
            }
        }
        if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
            String username = request.getParameter("username");
            return Optional.of(username == null ? "" : username);
        }
        return Optional.empty();
    }

    /** A refused sign-in is counted, logged and audited with the name tried (masked, should someone type an ID number). */
    @EventListener
    void refused(AbstractAuthenticationFailureEvent event) {
        String tried = event.getAuthentication().getName();
        throttle.refused(tried, address(event.getAuthentication().getDetails()));
        String name = IdNumber.maskAny(tried);
        log.warn("sign-in refused for '{}': {}", name, event.getException().getMessage());
        if (throttle.audit()) {
            int leftOut = throttle.leftOut();
            audit.record(name, "SIGN_IN_REFUSED", name, event.getException().getMessage()
                    + (leftOut > 0 ? " (" + leftOut + " refused sign-ins before this one were not audited: over the per-minute bound)" : ""));
        }
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        throttle.succeeded(event.getAuthentication().getName());
    }

    /** For the tests: every count forgotten. */
    void forgetAll() {
        throttle.forgetAll();
    }

    private static String address(Object details) {
        return details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }
}
