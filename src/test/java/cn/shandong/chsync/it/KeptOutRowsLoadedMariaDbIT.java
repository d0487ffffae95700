package cn.shandong.chsync.it;

import java.sql.SQLException;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Rows kept out by another key, loaded with LOAD DATA: the load's warnings name the key. */
@Import(DemoOnThrowawayDatabase.class)
class KeptOutRowsLoadedMariaDbIT extends KeptOutRowTests {

    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) throws SQLException {
        MariaDb.freshDatabase(registry, "chsync_it_kept_out_loaded");
    }
}
