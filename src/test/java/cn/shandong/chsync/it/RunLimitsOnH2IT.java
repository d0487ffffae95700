package cn.shandong.chsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A run stops at its page limit: FAILED with RUN_PAGE_LIMIT, filed for support, its checkpoint at
 * the last committed page, so the next run goes on from there instead of starting over.
 */
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:chsync-limits;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
        "sync.pull.run-limits.max-pages=4",
        // Binzhou's platform holds six pages of 1,000 records at 160 people per city
        "sync.simulators.people=160",
        // every page committed as it comes, so the checkpoint is the fourth page's
        "sync.pull.commit-records=1",
})
class RunLimitsOnH2IT extends EndToEnd {

    @Test
    void aRunPastItsPageLimitFailsWithItsReasonAndTheNextGoesOnFromItsCheckpoint() {
        // given a platform with six pages and a limit of four a run
        // when it is synced
        JsonNode first = syncToTheEnd();

        // then the run ends FAILED after four pages, saying why, filed for support under the limit's code
        assertThat(first.path("status").asText()).isEqualTo("FAILED");
        assertThat(count("SELECT COUNT(*) FROM reconciliation_item WHERE stage = 'FETCH' AND reason_code = 'RUN_PAGE_LIMIT'"
                + " AND source_id = 'sdbz'")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT message FROM reconciliation_item WHERE reason_code = 'RUN_PAGE_LIMIT'", String.class))
                .startsWith("the run read 4 pages and the platform offers more; a run reads at most 4");
        assertThat(first.path("message").asText()).contains("a run reads at most 4");
        int storedAfterFirst = count("SELECT COUNT(*) FROM credit_record_source WHERE source_id = 'sdbz'");

        // and the next run reads the last two pages, not the first four again, and ends the pass
        JsonNode second = syncToTheEnd();
        assertThat(second.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(first.path("pages").asInt()).isEqualTo(4);
        assertThat(second.path("pages").asInt()).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM credit_record_source WHERE source_id = 'sdbz'")).isGreaterThan(storedAfterFirst);
    }
}
