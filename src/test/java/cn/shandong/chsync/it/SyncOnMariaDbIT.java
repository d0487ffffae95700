package cn.shandong.chsync.it;

import java.sql.SQLException;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The end-to-end suite on the real MariaDB. Runs with the "mariadb" Maven profile. */
@Import(DemoOnThrowawayDatabase.class)
class SyncOnMariaDbIT extends SyncEndToEndTests {

    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) throws SQLException {
        MariaDb.freshDatabase(registry, "chsync_it_e2e");
    }
}
