package cn.shandong.chsync.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How refused sign-ins are throttled (sync.security.sign-in); see {@link SignInThrottle}.
 *
 * @param userFreeFailures       refusals of one user name before each further attempt waits
 * @param userLockoutAfter       refusals of one user name that lock it out for {@code lockout}
 * @param addressFreeFailures    the same for one client address (higher: an office shares one)
 * @param addressLockoutAfter    the same for one client address
 * @param backoffBase            the first wait, doubled with each further refusal
 * @param lockout                how long a lock-out lasts, and how long a count is remembered
 * @param maxTracked             how many names, and as many addresses, are counted at once
 * @param auditPerMinute         refused sign-ins written to the audit trail per minute at most
 */
@Validated
@ConfigurationProperties(prefix = "sync.security.sign-in")
record SignInProperties(@Min(1) int userFreeFailures, @Min(1) int userLockoutAfter, @Min(1) int addressFreeFailures,
                        @Min(1) int addressLockoutAfter, @NotNull Duration backoffBase, @NotNull Duration lockout,
                        @Min(100) int maxTracked, @Min(1) int auditPerMinute) {
}
