package cn.shandong.chsync.it;

import java.sql.SQLException;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The hostile corpus on the real MariaDB: four-byte characters, long text and quotes on the real server. */
@Import(DemoOnThrowawayDatabase.class)
class HostileInputOnMariaDbIT extends HostileInputTests {

    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) throws SQLException {
        MariaDb.freshDatabase(registry, "chsync_it_hostile");
    }
}
