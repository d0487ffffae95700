package cn.shandong.chsync.it;

import java.sql.SQLException;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The personal-data suite on the real MariaDB. Runs with the "mariadb" Maven profile. */
@Import(DemoOnThrowawayDatabase.class)
class PersonalDataOnMariaDbIT extends PersonalDataTests {

    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) throws SQLException {
        MariaDb.freshDatabase(registry, "chsync_it_personal");
    }
}
