package cn.shandong.chsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * MariaDB goes away for four seconds in the middle of a sync and a push (the network between
 * them cut by a proxy): the run fails cleanly or waits, no page is half written, the next run
 * resumes from the checkpoint, and the province ends up holding each completion once.
 */
@TestPropertySource(properties = {
        "sync.simulators.people=150",
        "sync.push.lease=PT5S",
        "spring.datasource.hikari.connection-timeout=1500",
        "spring.datasource.hikari.validation-timeout=1000",
})
@Import(DemoOnThrowawayDatabase.class)
class DatabaseOutageMariaDbIT extends EndToEnd {

    private static final String DATABASE = "chsync_it_outage";
    private static final TcpProxy PROXY = proxy();

    @DynamicPropertySource
    static void databaseBehindAProxy(DynamicPropertyRegistry registry) throws SQLException {
        MariaDb.freshDatabase(registry, DATABASE, "jdbc:mysql://127.0.0.1:" + PROXY.port() + "/");
    }

    @Test
    void aShortOutageMidSyncLosesNothingHalfWritesNothingAndTheSourceResumes() throws Exception {
        // given a sync under way (its platform answering slowly), two pages committed
        http.postForEntity("/sim/control/faults", java.util.Map.of("target", SOURCE, "delayMs", SLOW_PAGE_MS, "times", 0), String.class);
        JsonNode expected = get("/sim/expected").path("sources").path(SOURCE);
        int visible = expected.path("validCompletions").asInt() + expected.path("provinceRejected").asInt()
                + expected.path("crossSourceDuplicates").asInt() + expected.path("badRecords").asInt();
        ResponseEntity<JsonNode> started = http.postForEntity("/api/sources/" + SOURCE + "/sync", null, JsonNode.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        long runId = started.getBody().path("runId").asLong();
        await(() -> directly("SELECT pages FROM sync_run WHERE id = " + runId) >= 2, "two pages committed");

        // when the database is unreachable for four seconds
        PROXY.cut();
        Thread.sleep(4000);
        PROXY.restore();

        // then the run ends, FAILED with the reason or SUCCEEDED after waiting, and leaves the source free
        await(() -> directly("SELECT COUNT(*) FROM sync_run WHERE id = " + runId + " AND status <> 'RUNNING'") == 1,
                "the run to end");
        JsonNode first = get("/api/runs/" + runId);
        assertThat(first.path("status").asText()).isIn("FAILED", "SUCCEEDED");
        if (first.path("status").asText().equals("FAILED")) {
            // the reason is the database, not the platform: nothing is filed against the platform
            assertThat(first.path("message").asText()).startsWith("the database was unavailable");
            assertThat(count("SELECT COUNT(*) FROM reconciliation_item WHERE stage IN ('FETCH', 'PARSE')")).isZero();
        }

        // when the source syncs again, it goes on from the checkpoint to the end
        http.delete("/sim/control/faults");
        JsonNode resumed = syncToTheEnd();
        assertThat(resumed.path("status").asText()).isEqualTo("SUCCEEDED");
        awaitOutboxDrained();

        // then every page was committed whole exactly once: the runs' fetched add up to the platform's records
        if (first.path("status").asText().equals("FAILED")) {
            assertThat(first.path("fetched").asInt() + resumed.path("fetched").asInt()).isEqualTo(visible);
            assertThat(resumed.path("replays").asInt()).isZero();
        }
        assertThat(count("SELECT COUNT(*) FROM sync_run WHERE status = 'RUNNING'")).isZero();
        JsonNode province = get("/sim/province/stats");
        assertThat(province.path("uniqueKeys").asInt()).isEqualTo(expected.path("validCompletions").asInt());
        assertThat(province.path("doubleCounted").asInt()).isZero();
        // a batch whose answer could not be recorded during the outage went again as a duplicate, nothing more
        assertThat(province.path("duplicateSubmissions").asInt())
                .isEqualTo(count("SELECT COUNT(*) FROM push_outbox WHERE result = 'DUPLICATE'"));
        assertThat(count("SELECT COUNT(*) FROM credit_record")).isEqualTo(
                expected.path("validCompletions").asInt() + expected.path("provinceRejected").asInt());
    }

    /** Reads the database around the proxy, so the test sees it while the service cannot. */
    private static int directly(String sql) {
        try (Connection c = DriverManager.getConnection(MariaDb.SERVER + DATABASE + MariaDb.OPTIONS, MariaDb.USER, MariaDb.PASSWORD);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TcpProxy proxy() {
        try {
            String host = MariaDb.SERVER.replaceFirst("^jdbc:mysql://", "").replaceFirst("/.*$", "");
            String[] parts = host.split(":");
            return new TcpProxy(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 3306);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
