package cn.shandong.chsync.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.shandong.chsync.CreditHourSyncApplication;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

/** Outside the demo the service does not start on empty or default credentials or keys, and says which. */
class DefaultCredentialsStartupIT {

    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private static final String[] KEYS = {"--sync.security.id-numbers.current-key=k1",
        "--sync.security.id-numbers.keys.k1=" + KEY, "--sync.security.id-numbers.hash-key=" + KEY};

    @Test
    void withoutKeysItDoesNotStart() {
        assertThat(startFailure()).hasMessageContaining("sync.security.id-numbers.current-key must name one of");
    }

    @Test
    void withoutUsersItDoesNotStart() {
        assertThat(startFailure(KEYS)).hasMessageContaining("no users: set sync.security.users");
    }

    @Test
    void withTheDemosPasswordItDoesNotStart() {
        List<String> settings = new ArrayList<>(List.of(KEYS));
        settings.addAll(List.of("--sync.security.users[0].username=admin", "--sync.security.users[0].password=admin",
                "--sync.security.users[0].role=ADMIN"));
        assertThat(startFailure(settings.toArray(String[]::new)))
                .hasMessageContaining("users[0].password of 'admin' is a default or weak one");
    }

    @Test
    void withTheDemosKeysItDoesNotStart() {
        assertThat(startFailure("--sync.security.users[0].username=admin",
                "--sync.security.users[0].password=a long and private one", "--sync.security.users[0].role=ADMIN",
                "--sync.security.id-numbers.current-key=k1", "--sync.security.id-numbers.keys.k1=" + IdProtection.DEMO_KEY,
                "--sync.security.id-numbers.hash-key=" + KEY))
                .hasMessageContaining("keys.k1 is the demo's public key");
    }

    /** What stopped a start of the service with the simulators off (production) and these settings. */
    private static Throwable startFailure(String... settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--sync.simulators.enabled=false",
                "--sync.sync-on-start=false", "--sync.scheduler.enabled=false",
                "--spring.datasource.url=jdbc:h2:mem:credentials;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE"));
        args.addAll(List.of(settings));
        Throwable thrown = catchThrowable(() -> new SpringApplicationBuilder(CreditHourSyncApplication.class)
                .run(args.toArray(String[]::new)).close());
        assertThat(thrown).as("the service started").isNotNull();
        return NestedExceptionUtils.getMostSpecificCause(thrown);
    }
}
