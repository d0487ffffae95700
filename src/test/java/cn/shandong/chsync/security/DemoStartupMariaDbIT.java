package cn.shandong.chsync.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.shandong.chsync.CreditHourSyncApplication;
import cn.shandong.chsync.it.MariaDb;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

/** The demo does not start on MariaDB: it stops before touching the database and says what to set. */
class DemoStartupMariaDbIT {

    private static final String DATABASE = "chsync_it_i30_demo";

    @Test
    void theDemoOnMariaDbDoesNotStartAndTouchesNothing() throws Exception {
        // given an empty MariaDB database, and the demo left on (the default: no sync.simulators.enabled)
        MariaDb.recreate(DATABASE);

        // when the service starts on it
        Throwable thrown = catchThrowable(() -> new SpringApplicationBuilder(CreditHourSyncApplication.class).run(
                "--server.port=0", "--sync.sync-on-start=false", "--sync.scheduler.enabled=false",
                "--spring.datasource.url=" + MariaDb.SERVER + DATABASE + MariaDb.OPTIONS,
                "--spring.datasource.username=" + MariaDb.USER, "--spring.datasource.password=" + MariaDb.PASSWORD).close());

        // then it refuses, naming the setting to change
        assertThat(NestedExceptionUtils.getMostSpecificCause(thrown)).isInstanceOf(IllegalStateException.class)
                .hasMessage(DemoConfinement.refusal("jdbc:mysql:"))
                .hasMessageContaining("set SYNC_SIMULATORS_ENABLED=false");
        // and Flyway never ran: not one table was made
        try (Connection c = DriverManager.getConnection(MariaDb.SERVER + MariaDb.OPTIONS, MariaDb.USER, MariaDb.PASSWORD);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + DATABASE + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
        try (Connection c = DriverManager.getConnection(MariaDb.SERVER + MariaDb.OPTIONS, MariaDb.USER, MariaDb.PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE " + DATABASE);
        }
    }
}
