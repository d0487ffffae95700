package cn.shandong.chsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.SyncProperties;
import cn.shandong.chsync.dedupe.PagePlan.Counts;
import cn.shandong.chsync.mapping.MappedRecord;
import cn.shandong.chsync.pull.PageStore;
import cn.shandong.chsync.pull.RunStatus;
import cn.shandong.chsync.pull.RunTrigger;
import cn.shandong.chsync.pull.SourceCatalog;
import cn.shandong.chsync.pull.SyncRun;
import cn.shandong.chsync.pull.SyncRuns;
import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.record.Kind;
import cn.shandong.chsync.record.RecordState;
import cn.shandong.chsync.record.Subject;
import cn.shandong.chsync.record.Unit;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * The spine end to end against the built-in simulators: the Binzhou platform synced twice (the
 * second time with corrections, re-sends and new records) and pushed to the simulated province,
 * checked against the simulators' ground truth. Run once per database by the subclasses.
 */
@TestPropertySource(properties = {
        "sync.simulators.people=150",
})
abstract class SyncEndToEndTests extends EndToEnd {

    @Autowired
    SourceCatalog catalog;
    @Autowired
    PageStore pages;
    @Autowired
    SyncRuns runs;
    @Autowired
    SyncProperties properties;

    @Test
    void twoSyncsLeaveTheProvinceHoldingExactlyTheValidCompletions() {
        // given the platform's first state
        JsonNode expected1 = get("/sim/expected").path("sources").path(SOURCE);

        // when it is synced and pushed
        JsonNode run1 = syncToTheEnd();
        awaitOutboxDrained();

        // then every record is counted once, and the province holds exactly the valid completions
        assertThat(run1.path("status").asText()).isEqualTo("SUCCEEDED");
        assertBalanced(run1);
        assertThat(run1.path("newRecords").asInt())
                .isEqualTo(expected1.path("validCompletions").asInt() + expected1.path("provinceRejected").asInt());
        assertThat(run1.path("crossSourceDuplicates").asInt()).isEqualTo(expected1.path("crossSourceDuplicates").asInt());
        assertThat(run1.path("quarantined").asInt()).isEqualTo(expected1.path("badRecords").asInt());
        assertThat(run1.path("revisions").asInt()).isZero();
        JsonNode province1 = get("/sim/province/stats");
        assertThat(province1.path("uniqueKeys").asInt()).isEqualTo(expected1.path("validCompletions").asInt());
        assertThat(province1.path("accepted").asInt()).isEqualTo(expected1.path("validCompletions").asInt());
        assertThat(province1.path("rejected").asInt()).isEqualTo(expected1.path("provinceRejected").asInt());
        assertThat(province1.path("duplicateSubmissions").asInt()).isZero();
        assertThat(province1.path("doubleCounted").asInt()).isZero();
        assertThat(validationItemsByReason()).isEqualTo(asCounts(expected1.path("badRecordsByReason")));
        assertThat(count("SELECT COUNT(*) FROM reconciliation_item WHERE stage = 'PUSH' AND reason_code = 'PUSH_REJECTED'"))
                .isEqualTo(expected1.path("provinceRejected").asInt());
        // each refused row settled with the province's reason, its lease given up
        assertThat(count("SELECT COUNT(*) FROM push_outbox WHERE status = 'REJECTED' AND result = 'REJECTED' AND lease_owner IS NULL"
                + " AND done_at IS NOT NULL AND (last_error LIKE 'the provincial platform rejected it: TRAINING_NOT_FILED %'"
                + " OR last_error LIKE 'the provincial platform rejected it: ID_NUMBER_INVALID %')"))
                .isEqualTo(expected1.path("provinceRejected").asInt());

        // given corrections, re-sends and new records at the platform
        post("/sim/control/epoch/2");
        JsonNode expected2 = get("/sim/expected").path("sources").path(SOURCE);

        // when it is synced again
        JsonNode run2 = syncToTheEnd();
        awaitOutboxDrained();

        // then corrections went as updates, re-sends pushed nothing, and the province is exact again
        assertThat(run2.path("status").asText()).isEqualTo("SUCCEEDED");
        assertBalanced(run2);
        assertThat(run2.path("revisions").asInt()).isEqualTo(expected2.path("revisions").asInt());
        assertThat(run2.path("replays").asInt()).isPositive();
        assertThat(run1.path("crossSourceDuplicates").asInt() + run2.path("crossSourceDuplicates").asInt())
                .isEqualTo(expected2.path("crossSourceDuplicates").asInt());
        JsonNode province2 = get("/sim/province/stats");
        assertThat(province2.path("uniqueKeys").asInt()).isEqualTo(expected2.path("validCompletions").asInt());
        assertThat(province2.path("doubleCounted").asInt()).isZero();
        assertThat(province2.path("duplicateSubmissions").asInt()).isZero();
        assertThat(province2.path("revoked").asInt()).isEqualTo(expected2.path("revocations").asInt());
        assertThat(count("SELECT COUNT(*) FROM credit_record WHERE state = 'REVOKED'"))
                .isEqualTo(expected2.path("revocations").asInt());
        int updatesAccepted = count("SELECT COUNT(*) FROM push_outbox WHERE revision > 1 AND result = 'ACCEPTED'");
        assertThat(province2.path("accepted").asInt())
                .isEqualTo(province2.path("uniqueKeys").asInt() + province2.path("revoked").asInt() + updatesAccepted);
        assertThat(validationItemsByReason()).isEqualTo(asCounts(expected2.path("badRecordsByReason")));
        assertThat(count("SELECT COUNT(*) FROM credit_record_source")).isEqualTo(
                expected2.path("validCompletions").asInt() + expected2.path("revocations").asInt()
                        + expected2.path("provinceRejected").asInt() + expected2.path("crossSourceDuplicates").asInt());
    }

    @Test
    void newCompletionsArePushedAsTheirPagesHandThemOverNotClaimedFromTheOutbox() {
        // given the platform's first state, and the push route running as in every test here
        JsonNode expected = get("/sim/expected").path("sources").path(SOURCE);

        // when it is synced and pushed
        syncToTheEnd();
        awaitOutboxDrained();

        // then each new completion was sent once from what its page handed over, and its outbox row written once
        // answered, as the page would have written it leased: created with the page, falling due when the page's
        // lease (sync.push.lease) ran out, one attempt, never claimed from the outbox (a claim counts a second);
        // every page's lease is gone, and the province took each completion once
        long lease = properties.push().lease().toMillis();
        record OutboxRow(String status, int attempts, long created, long due, long attempted) {
        }
        List<OutboxRow> rows = jdbc.query("SELECT status, attempts, created_at, next_attempt_at, last_attempt_at FROM push_outbox",
                (rs, i) -> new OutboxRow(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).getTime(), rs.getTimestamp(4).getTime(),
                        rs.getTimestamp(5).getTime()));
        assertThat(rows).hasSize(expected.path("validCompletions").asInt() + expected.path("provinceRejected").asInt());
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.status()).isIn("DONE", "REJECTED");
            assertThat(row.attempts()).isEqualTo(1);
            assertThat(row.due() - row.created()).isEqualTo(lease);
            // sent after it was written (on MariaDB a bound time loses its fraction of a second: see README)
            assertThat(row.attempted()).isBetween(row.created() - 1000, row.created() + lease);
        });
        JsonNode province = get("/sim/province/stats");
        assertThat(province.path("accepted").asInt()).isEqualTo(expected.path("validCompletions").asInt());
        assertThat(province.path("duplicateSubmissions").asInt()).isZero();
    }

    @Test
    void aFullReReadWithNothingChangedFindsEveryRecordAReplayAndLeavesTheCursorWhereItWas() {
        // given a source synced to the end
        JsonNode first = syncToTheEnd();
        awaitOutboxDrained();
        String cursor = jdbc.queryForObject("SELECT since_value FROM source_cursor WHERE source_id = ?", String.class, SOURCE);
        int outbox = count("SELECT COUNT(*) FROM push_outbox");
        int items = count("SELECT COUNT(*) FROM reconciliation_item");
        int refused = count("SELECT COUNT(*) FROM reconciliation_item WHERE stage <> 'PUSH'");
        String filed = "SELECT dedupe_key, id_cipher, raw_payload FROM reconciliation_item ORDER BY dedupe_key";
        List<Map<String, Object>> filedBefore = jdbc.queryForList(filed);
        // and one quarantined record support sent to retry
        long retried = jdbc.queryForObject("SELECT MIN(id) FROM reconciliation_item WHERE stage = 'VALIDATE'", Long.class);
        jdbc.update("UPDATE reconciliation_item SET status = 'RETRYING' WHERE id = ?", retried);

        // when an operator has it read again from the platform's first record
        JsonNode reread = syncToTheEnd(SOURCE, "?full=true");
        long runId = reread.path("id").asLong();

        // then every record was fetched again, each valid one is a replay, nothing new is pushed or filed,
        // and the cursor did not move back
        assertThat(reread.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(jdbc.queryForObject("SELECT trigger_type FROM sync_run WHERE id = ?", String.class, runId)).isEqualTo("FULL");
        assertBalanced(reread);
        assertThat(reread.path("fetched").asInt()).isEqualTo(first.path("fetched").asInt());
        assertThat(reread.path("replays").asInt())
                .isEqualTo(first.path("newRecords").asInt() + first.path("crossSourceDuplicates").asInt());
        assertThat(reread.path("quarantined").asInt()).isEqualTo(first.path("quarantined").asInt());
        assertThat(reread.path("newRecords").asInt() + reread.path("revisions").asInt()
                + reread.path("crossSourceDuplicates").asInt()).isZero();
        assertThat(count("SELECT COUNT(*) FROM push_outbox")).isEqualTo(outbox);
        assertThat(count("SELECT COUNT(*) FROM reconciliation_item")).isEqualTo(items);
        // each record refused again is its item seen a second time, by this run (the province's refusals are not
        // met again); what was filed of each stays as written
        assertThat(count("SELECT COUNT(*) FROM reconciliation_item WHERE stage <> 'PUSH' AND occurrences = 2 AND run_id = " + runId))
                .isEqualTo(refused).isPositive();
        assertThat(count("SELECT COUNT(*) FROM reconciliation_item WHERE stage = 'PUSH' AND occurrences = 1")).isEqualTo(items - refused);
        assertThat(jdbc.queryForList(filed)).isEqualTo(filedBefore);
        // and the one support retried, refused again, is open again
        assertThat(jdbc.queryForObject("SELECT status FROM reconciliation_item WHERE id = ?", String.class, retried))
                .isEqualTo("OPEN");
        assertThat(jdbc.queryForObject("SELECT since_value FROM source_cursor WHERE source_id = ?", String.class, SOURCE))
                .isEqualTo(cursor);
        assertThat(get("/sim/province/stats").path("duplicateSubmissions").asInt()).isZero();
    }

    @Test
    void aReReadBrokenMidwayHasCommittedNoneOfItsUnchangedPagesAndTheNextReReadCountsEachOnce() {
        // given a source synced to the end, and a platform that fails on its third page
        JsonNode first = syncToTheEnd();
        awaitOutboxDrained();
        String cursorQuery = "SELECT CONCAT(since_value, '|', COALESCE(page_state, '-')) FROM source_cursor WHERE source_id = ?";
        String cursor = jdbc.queryForObject(cursorQuery, String.class, SOURCE);
        int items = count("SELECT COUNT(*) FROM reconciliation_item");
        http.postForEntity("/sim/control/faults", Map.of("target", SOURCE, "failPages", List.of(3), "status", 500, "times", 0),
                String.class);

        // when an operator has it read again from its first record
        JsonNode broken = syncToTheEnd(SOURCE, "?full=true");

        // then the run fails with its two pages read, which changed nothing, not committed: it
        // counts nothing, the cursor is where it was, and the failure alone is filed
        assertThat(broken.path("status").asText()).isEqualTo("FAILED");
        assertThat(broken.path("pages").asInt()).isZero();
        assertThat(broken.path("fetched").asInt()).isZero();
        assertThat(jdbc.queryForObject(cursorQuery, String.class, SOURCE)).isEqualTo(cursor);
        assertThat(count("SELECT COUNT(*) FROM reconciliation_item")).isEqualTo(items + 1);

        // when the platform recovers and the re-read runs again
        http.delete("/sim/control/faults");
        JsonNode again = syncToTheEnd(SOURCE, "?full=true");

        // then every page is counted once, each valid record a replay, committed with the last page
        assertThat(again.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(again.path("pages").asInt()).isEqualTo(first.path("pages").asInt());
        assertThat(again.path("fetched").asInt()).isEqualTo(first.path("fetched").asInt());
        assertThat(again.path("replays").asInt())
                .isEqualTo(first.path("newRecords").asInt() + first.path("crossSourceDuplicates").asInt());
        assertThat(again.path("quarantined").asInt()).isEqualTo(first.path("quarantined").asInt());
        assertBalanced(again);
        assertThat(jdbc.queryForObject(cursorQuery, String.class, SOURCE)).isEqualTo(cursor);
        assertThat(count("SELECT COUNT(*) FROM reconciliation_item")).isEqualTo(items + 1);
    }

    @Test
    void aDailyFilePlatformsDaysAreCommittedTogetherSoAFirstLoadBrokenAtADayHasCommittedNoneBeforeIt() {
        // given the platform that serves a file a day, never synced, whose file of 20 January 2023 fails
        // (its first records are of 10 January: the days before hold far fewer than sync.pull.commit-records)
        String daily = "zjhuaxue";
        int items = count("SELECT COUNT(*) FROM reconciliation_item");
        http.postForEntity("/sim/control/faults", Map.of("target", daily, "failPages", List.of(20230120), "status", 500,
                "times", 0), String.class);

        // when it is synced
        JsonNode broken = syncToTheEnd(daily);

        // then the run fails with its nineteen days read and held, none committed: it counts nothing,
        // links nothing, has no checkpoint, and the failure alone is filed
        assertThat(broken.path("status").asText()).isEqualTo("FAILED");
        assertThat(broken.path("pages").asInt()).isZero();
        assertThat(broken.path("fetched").asInt()).isZero();
        assertThat(count("SELECT COUNT(*) FROM credit_record_source WHERE source_id = '" + daily + "'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM source_cursor WHERE source_id = '" + daily + "'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM reconciliation_item")).isEqualTo(items + 1);

        // when the platform recovers and it is synced again, then read again from its first day
        http.delete("/sim/control/faults");
        JsonNode loaded = syncToTheEnd(daily);
        JsonNode again = syncToTheEnd(daily, "?full=true");

        // then the load links each valid record once, and the re-read counts the same days and
        // records, each valid one a replay
        assertThat(loaded.path("status").asText()).isEqualTo("SUCCEEDED");
        assertBalanced(loaded);
        assertThat(loaded.path("newRecords").asInt()).isPositive();
        assertThat(count("SELECT COUNT(*) FROM credit_record_source WHERE source_id = '" + daily + "'"))
                .isEqualTo(loaded.path("newRecords").asInt() + loaded.path("crossSourceDuplicates").asInt());
        assertThat(again.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(again.path("pages").asInt()).isEqualTo(loaded.path("pages").asInt()).isGreaterThan(19);
        assertThat(again.path("fetched").asInt()).isEqualTo(loaded.path("fetched").asInt());
        assertThat(again.path("replays").asInt())
                .isEqualTo(loaded.path("newRecords").asInt() + loaded.path("crossSourceDuplicates").asInt());
        assertThat(again.path("quarantined").asInt()).isEqualTo(loaded.path("quarantined").asInt());
    }

    @Test
    void everySourceInItsOwnFormatSyncedTwiceLeavesTheProvinceExactWithDuplicatesLinkedNotPushed() {
        for (int epoch = 1; epoch <= 2; epoch++) {
            // given every platform's state at the epoch
            post("/sim/control/epoch/" + epoch);
            JsonNode expected = get("/sim/expected");

            // when every source is synced and pushed
            List<JsonNode> runs = syncAllToTheEnd();
            awaitOutboxDrained();

            // then the province holds exactly the valid completions, each once, whichever source reported it
            runs.forEach(run -> {
                assertThat(run.path("status").asText()).as(run.path("sourceId").asText()).isEqualTo("SUCCEEDED");
                assertBalanced(run);
            });
            JsonNode province = get("/sim/province/stats");
            assertThat(province.path("uniqueKeys").asInt()).isEqualTo(expected.path("validCompletions").asInt());
            assertThat(province.path("revoked").asInt()).isEqualTo(expected.path("revocations").asInt());
            assertThat(province.path("doubleCounted").asInt()).isZero();
            assertThat(province.path("duplicateSubmissions").asInt()).isZero();
            assertThat(count("SELECT COUNT(*) FROM credit_record_source WHERE is_primary = FALSE"))
                    .isEqualTo(expected.path("crossSourceDuplicates").asInt());
            assertThat(count("SELECT COUNT(*) FROM push_outbox o JOIN credit_record_source l "
                    + "ON l.completion_key = o.completion_key AND l.is_primary = FALSE WHERE o.revision = 1"))
                    .as("every duplicated completion pushed once, as its first report")
                    .isEqualTo(count("SELECT COUNT(DISTINCT completion_key) FROM credit_record_source WHERE is_primary = FALSE"));
            assertThat(validationItemsByReason()).isEqualTo(asCounts(expected.path("badRecordsByReason")));
            assertThat(count("SELECT COUNT(DISTINCT source_id) FROM credit_record_source")).isEqualTo(expected.path("sources").size());
        }
    }

    @Test
    void aSyncBrokenBetweenPagesResumesFromItsCheckpointWithNothingLostOrRepeated() {
        // given a platform that fails on its third page
        JsonNode expected = get("/sim/expected").path("sources").path(SOURCE);
        int visible = expected.path("validCompletions").asInt() + expected.path("provinceRejected").asInt()
                + expected.path("crossSourceDuplicates").asInt() + expected.path("badRecords").asInt();
        http.postForEntity("/sim/control/faults", Map.of("target", SOURCE, "failPages", List.of(3), "status", 500, "times", 0),
                String.class);

        // when a sync runs into it
        JsonNode broken = syncToTheEnd();

        // then the run fails after two committed pages, and the failure is filed for support
        int pageSize = catalog.get(SOURCE).request().paging().size();
        assertThat(broken.path("status").asText()).isEqualTo("FAILED");
        assertThat(broken.path("pages").asInt()).isEqualTo(2);
        assertThat(broken.path("fetched").asInt()).isEqualTo(2 * pageSize);
        assertBalanced(broken);
        assertThat(count("SELECT COUNT(*) FROM reconciliation_item WHERE stage = 'FETCH' AND reason_code = 'FETCH_FAILED'"))
                .isEqualTo(1);

        // when the platform recovers and the next sync runs
        http.delete("/sim/control/faults");
        JsonNode resumed = syncToTheEnd();
        awaitOutboxDrained();

        // then it starts at page 3 of the same pass: every record fetched exactly once over both runs
        assertThat(resumed.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(resumed.path("cursorBefore").asText()).isEqualTo("pass since null, page 3");
        assertThat(resumed.path("replays").asInt()).isZero();
        assertThat(broken.path("fetched").asInt() + resumed.path("fetched").asInt()).isEqualTo(visible);
        assertBalanced(resumed);
        JsonNode province = get("/sim/province/stats");
        assertThat(province.path("uniqueKeys").asInt()).isEqualTo(expected.path("validCompletions").asInt());
        assertThat(province.path("duplicateSubmissions").asInt()).isZero();
        assertThat(province.path("doubleCounted").asInt()).isZero();
    }

    @Test
    void aProvinceAnswering429IsRetriedAfterItsRetryAfterAndEveryCompletionArrivesOnce() throws Exception {
        // given a province that answers every batch 429 with Retry-After: 3
        JsonNode expected = get("/sim/expected").path("sources").path(SOURCE);
        http.postForEntity("/sim/control/faults",
                Map.of("target", "province", "status", 429, "times", 0, "retryAfterSeconds", 3), String.class);

        // when a sync runs and every outbox row has been tried once
        syncToTheEnd();
        // (a completion handed over has its row once answered; until then its page's lease stands for it)
        await(() -> count("SELECT COUNT(*) FROM push_outbox WHERE last_error IS NULL") == 0
                && count("SELECT COUNT(*) FROM push_lease") == 0, "every row to be tried once");
        camel.getRouteController().stopRoute("push");

        // then every row waits as long as the province asked, not the 0.2 s of our own backoff
        assertThat(count("SELECT COUNT(*) FROM push_outbox WHERE status <> 'PENDING'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM push_outbox WHERE last_error <> 'the provincial platform answered HTTP 429'"))
                .isZero();
        List<Long> waits = jdbc.query("SELECT next_attempt_at, last_attempt_at FROM push_outbox",
                (rs, i) -> rs.getTimestamp(1).getTime() - rs.getTimestamp(2).getTime());
        assertThat(waits).allSatisfy(ms -> assertThat(ms).isBetween(3000L, 4000L));

        // when the province recovers
        http.delete("/sim/control/faults");
        camel.getRouteController().startRoute("push");
        awaitOutboxDrained();

        // then each completion arrived exactly once, after at least two attempts
        JsonNode province = get("/sim/province/stats");
        assertThat(province.path("uniqueKeys").asInt()).isEqualTo(expected.path("validCompletions").asInt());
        assertThat(province.path("accepted").asInt()).isEqualTo(expected.path("validCompletions").asInt());
        assertThat(province.path("duplicateSubmissions").asInt()).isZero();
        assertThat(count("SELECT COUNT(*) FROM push_outbox WHERE attempts < 2")).isZero();
        assertThat(count("SELECT COUNT(*) FROM push_outbox WHERE status = 'DONE'"))
                .isEqualTo(expected.path("validCompletions").asInt());
    }

    @Test
    void aPlatformThatIgnoresPagingIsStoppedAtTheFirstRepeatAndResumedWhenItBehaves() {
        // given a platform that answers its first page whatever page is asked for
        JsonNode expected = get("/sim/expected").path("sources").path(SOURCE);
        http.postForEntity("/sim/control/faults", Map.of("target", SOURCE, "ignorePaging", true, "times", 0), String.class);

        // when a sync pages through it
        JsonNode looping = syncToTheEnd();

        // then the run stops at page 2, which repeats page 1, instead of paging forever
        assertThat(looping.path("status").asText()).isEqualTo("FAILED");
        assertThat(looping.path("pages").asInt()).isEqualTo(1);
        assertThat(looping.path("message").asText()).contains("holds the same records as the page before");
        assertThat(count("SELECT COUNT(*) FROM reconciliation_item WHERE stage = 'PARSE' AND reason_code = 'PAGE_REPEATED'"))
                .isEqualTo(1);

        // when the platform behaves again, the next run goes on from page 2 and nothing is lost
        http.delete("/sim/control/faults");
        JsonNode resumed = syncToTheEnd();
        awaitOutboxDrained();
        assertThat(resumed.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(resumed.path("cursorBefore").asText()).isEqualTo("pass since null, page 2");
        assertThat(get("/sim/province/stats").path("uniqueKeys").asInt()).isEqualTo(expected.path("validCompletions").asInt());
    }

    @Test
    void theProvinceRefusesARequestThatIsNotSignedWithOurSecret() {
        ResponseEntity<String> unsigned = http.postForEntity("/sim/province/api/v1/credit-hours/batch",
                Map.of("items", List.of()), String.class);

        assertThat(unsigned.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(unsigned.getBody()).contains("APP_KEY_UNKNOWN");
        assertThat(get("/sim/province/stats").path("accepted").asInt()).isZero();
    }

    @Test
    void aSecondTriggerWhileASyncRunsIsRefusedAndAnUnknownSourceIsNotFound() {
        // another instance, alive (its heartbeat is fresh), holds the source
        java.sql.Timestamp now = java.sql.Timestamp.from(Instant.now());
        jdbc.update("DELETE FROM sync_node WHERE name IN ('another-instance', 'a-dead-instance')");
        jdbc.update("INSERT INTO sync_node (name, started_at, heartbeat_at) VALUES ('another-instance', ?, ?)", now, now);
        jdbc.update("UPDATE source SET lease_owner = 'another-instance', lease_until = ? WHERE id = ?",
                java.sql.Timestamp.from(Instant.now().plusSeconds(60)), SOURCE);

        assertThat(http.postForEntity("/api/sources/" + SOURCE + "/sync", null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(http.postForEntity("/api/sources/nowhere/sync", null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aSourceLeasedByAnInstanceWhoseHeartbeatStoppedIsTakenOverAtOnce() {
        // given an instance that took the source, then died: its lease runs another minute, its heartbeat is 40 s old
        java.sql.Timestamp beat = java.sql.Timestamp.from(Instant.now().minusSeconds(40));
        jdbc.update("DELETE FROM sync_node WHERE name IN ('another-instance', 'a-dead-instance')");
        jdbc.update("INSERT INTO sync_node (name, started_at, heartbeat_at) VALUES ('a-dead-instance', ?, ?)", beat, beat);
        jdbc.update("""
                INSERT INTO sync_run (source_id, trigger_type, status, node, started_at, cursor_before)
                VALUES (?, 'SCHEDULE', 'RUNNING', 'a-dead-instance', ?, 'pass since null, page 1')
                """, SOURCE, beat);
        jdbc.update("UPDATE source SET lease_owner = 'a-dead-instance', lease_until = ? WHERE id = ?",
                java.sql.Timestamp.from(Instant.now().plusSeconds(60)), SOURCE);

        // when a sync is triggered, it starts, and the dead instance's run is marked abandoned
        JsonNode run = syncToTheEnd();
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(jdbc.queryForList("SELECT status FROM sync_run WHERE node = 'a-dead-instance'", String.class))
                .containsExactly("ABANDONED");
    }

    @Test
    void anOperatorReschedulesPausesAndResumesASource() throws Exception {
        // a bad cron is refused with the reason, and nothing changes
        ResponseEntity<String> refused = http.exchange("/api/sources/" + SOURCE + "/schedule", HttpMethod.PUT,
                new HttpEntity<>(Map.of("cron", "every 5 minutes")), String.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody()).contains("is not a Quartz cron expression");

        // a good one is stored and the clustered Quartz trigger follows it at once
        String never = "0 0 3 1 1 ? 2099";
        ResponseEntity<JsonNode> changed = http.exchange("/api/sources/" + SOURCE + "/schedule", HttpMethod.PUT,
                new HttpEntity<>(Map.of("cron", never)), JsonNode.class);
        assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(changed.getBody().path("cron").asText()).isEqualTo(never);
        TriggerKey key = ((QuartzEndpoint) camel.getRoute("schedule-" + SOURCE).getEndpoint()).getTriggerKey();
        assertThat(((CronTrigger) scheduler.getTrigger(key)).getCronExpression()).isEqualTo(never);

        // paused, it refuses a trigger; resumed, it syncs
        assertThat(http.postForEntity("/api/sources/" + SOURCE + "/pause", null, JsonNode.class).getBody()
                .path("paused").asBoolean()).isTrue();
        assertThat(http.postForEntity("/api/sources/" + SOURCE + "/sync", null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        http.postForEntity("/api/sources/" + SOURCE + "/resume", null, JsonNode.class);
        assertThat(syncToTheEnd().path("status").asText()).isEqualTo("SUCCEEDED");

        http.exchange("/api/sources/" + SOURCE + "/schedule", HttpMethod.PUT,
                new HttpEntity<>(Map.of("cron", "0 0/30 * * * ?")), JsonNode.class);
    }

    @Test
    void supportClosesAnItemOnlyWithANoteAndTheActionIsRecorded() {
        syncToTheEnd();
        long id = jdbc.queryForObject("SELECT MIN(id) FROM reconciliation_item WHERE reason_code = 'ID_NUMBER_CHECKSUM'", Long.class);

        assertThat(http.postForEntity("/api/reconciliation/" + id + "/resolve", Map.of("note", " "), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<JsonNode> resolved = http.postForEntity("/api/reconciliation/" + id + "/resolve",
                Map.of("note", "平台已更正身份证号，待下次同步"), JsonNode.class);
        assertThat(resolved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(resolved.getBody().path("status").asText()).isEqualTo("RESOLVED");
        assertThat(http.postForEntity("/api/reconciliation/" + id + "/ignore", Map.of("note", "again"), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        // support staff read the record as the platform sent it, ID number in clear, to have it corrected there
        JsonNode item = get("/api/reconciliation/" + id);
        assertThat(item.path("rawPayload").asText()).contains("\"sfzh\"");
        assertThat(item.path("idNumber").asText()).matches("\\d{17}[0-9X]");
        assertThat(item.path("rawPayload").asText()).contains(item.path("idNumber").asText());
        // and the queue shows it masked
        JsonNode listed = get("/api/reconciliation?reason=ID_NUMBER_CHECKSUM&limit=1000").path("items");
        assertThat(listed.findValuesAsText("idNumber")).isNotEmpty().allMatch(n -> n.matches("\\d{6}\\*{8}[0-9X]{4}"));
        assertThat(item.path("actions")).hasSize(1);
        assertThat(item.path("actions").get(0).path("action").asText()).isEqualTo("RESOLVE");
        assertThat(item.path("actions").get(0).path("note").asText()).isEqualTo("平台已更正身份证号，待下次同步");
        assertThat(http.postForEntity("/api/reconciliation/999999/resolve", Map.of("note", "x"), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aRecordMetAgainInAPlatformsFirstLoadIsAReplayOrSupersedesItsFirstCopyNotASecondCompletion() {
        // given a platform with nothing linked yet, whose first page lists A and B: stored without reading what is linked
        SyncRun run = runs.begin(SOURCE, RunTrigger.MANUAL).orElseThrow();
        assertThat(run.nothingLinked()).isTrue();
        Counts first = pages.store(run, List.of(studied("FIRST-A", "3"), studied("FIRST-B", "3")), null, null);
        assertThat(first).isEqualTo(new Counts(2, 2, 0, 0, 0, 0));
        assertThat(run.nothingLinked()).isTrue();

        // when a later page of the same load lists A again as it was, B with other hours, and C
        Counts second = pages.store(run, List.of(studied("FIRST-A", "3"), studied("FIRST-B", "4"), studied("FIRST-C", "3")),
                null, null);
        runs.close(run, RunStatus.SUCCEEDED, null);

        // then the lineage's key refused the page, which was stored again reading what is linked:
        // A a replay, C new, and B's copy, newer than the one this run stored a page before, supersedes it:
        // written as the next revision of its completion, counted as superseded (its first copy was counted new)
        assertThat(second).isEqualTo(new Counts(3, 1, 1, 0, 0, 0, 1, 0));
        assertThat(run.nothingLinked()).isFalse();
        assertThat(count("SELECT COUNT(*) FROM credit_record")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM credit_record_source")).isEqualTo(3);
        assertThat(count("SELECT revision FROM credit_record WHERE source_record_id = 'FIRST-B'")).isEqualTo(2);
        // and each of the four revisions stored went to the province (B's first one superseded, if not sent first)
        awaitOutboxDrained();
        assertThat(count("SELECT COUNT(*) FROM push_outbox")).isEqualTo(4);
    }

    /** A valid record of the platform: one person, a course named after the record, the hours given. */
    private static MappedRecord studied(String recordId, String hours) {
        String idNumber = "370602198512310041";
        CreditRecord r = new CreditRecord(SOURCE, "371600", recordId, LocalDateTime.of(2024, 5, 12, 14, 35), idNumber, "王秀英",
                "滨州市人民医院", null, null, "课程 " + recordId, Subject.PUBLIC, Kind.TRAINING, new BigDecimal(hours), Unit.HOURS,
                new BigDecimal(hours), LocalDate.of(2024, 5, 12), null, RecordState.ACTIVE);
        return new MappedRecord(recordId, idNumber, "{}", r.sourceUpdatedAt(), r, List.of());
    }
}
