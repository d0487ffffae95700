package cn.shandong.chsync.push;

import cn.shandong.chsync.it.DemoOnThrowawayDatabase;
import cn.shandong.chsync.it.MariaDb;
import java.sql.SQLException;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The lease race on the real MariaDB. Runs with the "mariadb" Maven profile. */
@Import(DemoOnThrowawayDatabase.class)
class LeaseRaceOnMariaDbIT extends LeaseRaceTests {

    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) throws SQLException {
        MariaDb.freshDatabase(registry, "chsync_it_lease");
    }
}
