package cn.shandong.chsync.security;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The migration on the embedded default, H2 in MySQL mode. */
class IdNumberMigrationTest {

    @Test
    void clearIdNumbersAreMovedIntoCiphertext() throws Exception {
        IdNumberMigration.movesClearIdNumbersIntoCiphertext(new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:id-migration;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
                "sa", ""), "h2");
    }
}
