package cn.shandong.chsync.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoConfinementTest {

    @Test
    void anH2DatabaseThisProcessOpensIsEmbeddedAndAServerIsNot() {
        assertThat(DemoConfinement.embedded(null)).isTrue();
        assertThat(DemoConfinement.embedded("jdbc:h2:file:./data/chsync;MODE=MySQL")).isTrue();
        assertThat(DemoConfinement.embedded("JDBC:H2:mem:x")).isTrue();
        assertThat(DemoConfinement.embedded("jdbc:h2:tcp://db:9092/chsync")).isFalse();
        assertThat(DemoConfinement.embedded("jdbc:h2:ssl://db/chsync")).isFalse();
        assertThat(DemoConfinement.embedded("jdbc:mysql://127.0.0.1:3306/chsync")).isFalse();
        assertThat(DemoConfinement.embedded("jdbc:mariadb://db/chsync")).isFalse();
    }

    @Test
    void theRefusalNamesTheSettingAndTheDatabaseKindButNotTheUrl() {
        String message = DemoConfinement.refusal("jdbc:mysql://db:3306/chsync?password=secret");
        assertThat(message).contains("SYNC_SIMULATORS_ENABLED=false", "sync.simulators.enabled=false",
                "spring.datasource.url is a jdbc:mysql database").doesNotContain("secret", "db:3306");
    }
}
