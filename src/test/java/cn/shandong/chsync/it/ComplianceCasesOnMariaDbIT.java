package cn.shandong.chsync.it;

import java.sql.SQLException;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The notices' special cases end to end on the real MariaDB. Runs with the "mariadb" Maven profile. */
@Import(DemoOnThrowawayDatabase.class)
class ComplianceCasesOnMariaDbIT extends ComplianceCaseTests {

    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) throws SQLException {
        MariaDb.freshDatabase(registry, "chsync_it_i29_compliance");
    }
}
