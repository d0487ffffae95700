package cn.shandong.chsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the suites that run the service start each test from. */
public final class ServiceState {

    private static final List<String> SYNC_TABLES = List.of("credit_record", "credit_record_source", "push_outbox", "push_lease",
            "reconciliation_item", "reconciliation_action", "sync_run", "source_cursor", "daily_tally");

    private ServiceState() {
    }

    /** Every synced row gone, every source free and not paused, the simulators back at their start. */
    public static void startFromNothing(JdbcTemplate jdbc, TestRestTemplate http) {
        for (String table : SYNC_TABLES) {
            jdbc.update("DELETE FROM " + table);
        }
        jdbc.update("UPDATE source SET lease_owner = NULL, lease_until = NULL, running_run_id = NULL, paused = FALSE");
        assertThat(http.postForEntity("/sim/control/reset", null, String.class).getStatusCode().is2xxSuccessful()).isTrue();
    }
}
