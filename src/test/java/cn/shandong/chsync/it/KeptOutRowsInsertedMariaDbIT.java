package cn.shandong.chsync.it;

import java.sql.SQLException;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Rows kept out by another key, inserted by multi-row INSERT IGNORE (a URL without the load
 * directory): no warning is read there, and the page's own check of who holds each key finds it.
 */
@Import(DemoOnThrowawayDatabase.class)
class KeptOutRowsInsertedMariaDbIT extends KeptOutRowTests {

    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) throws SQLException {
        String database = "chsync_it_kept_out_inserted";
        MariaDb.freshDatabase(registry, database);
        registry.add("spring.datasource.url", () -> MariaDb.SERVER + database
                + MariaDb.OPTIONS.replace("allowLoadLocalInfileInPath=" + MariaDb.LOAD_DIRECTORY + "&", ""));
    }
}
