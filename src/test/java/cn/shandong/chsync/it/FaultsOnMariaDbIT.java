package cn.shandong.chsync.it;

import java.sql.SQLException;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The fault suite on the real MariaDB. */
@Import(DemoOnThrowawayDatabase.class)
class FaultsOnMariaDbIT extends FaultTests {

    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) throws SQLException {
        MariaDb.freshDatabase(registry, "chsync_it_faults");
    }
}
