package cn.shandong.chsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.push.OutboxRepository;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * What operators and support staff read and do beyond syncing: live progress and counts per
 * day, alerts, health and metrics, structured log context, the reconciliation workbench's
 * filters and retries, a person's trace, the daily statement (对账) and the API description.
 * Run once per database by the subclasses.
 */
@ExtendWith(OutputCaptureExtension.class)
// Tests get a plain meter registry unless asked: this suite reads /actuator/prometheus.
@AutoConfigureObservability(tracing = false)
@TestPropertySource(properties = {
        "sync.simulators.people=150",
        "sync.push.backoff-max=PT0.5S",
        // a province that keeps failing exhausts a row quickly here, so a retry of it can be shown
        "sync.push.max-attempts=3",
        "sync.push.breaker-failures=100",
})
abstract class OperationsTests extends EndToEnd {

    static final ZoneId SHANDONG = ZoneId.of("Asia/Shanghai");

    int visible(String source) {
        JsonNode expected = get("/sim/expected").path("sources").path(source);
        return expected.path("validCompletions").asInt() + expected.path("provinceRejected").asInt()
                + expected.path("crossSourceDuplicates").asInt() + expected.path("badRecords").asInt();
    }

    @Test
    void aRunningSyncShowsItsProgressAndTheDayAddsUpItsRuns(CapturedOutput output) {
        // given a slow platform that says how many records the pass holds
        int visible = visible(SOURCE);
        http.postForEntity("/sim/control/faults", Map.of("target", SOURCE, "delayMs", SLOW_PAGE_MS, "times", 0), String.class);

        // when a sync is under way
        ResponseEntity<JsonNode> started = http.postForEntity("/api/sources/" + SOURCE + "/sync", null, JsonNode.class);
        long runId = started.getBody().path("runId").asLong();
        await(() -> get("/api/runs/" + runId).path("pages").asInt() >= 1, "a page to be committed");
        JsonNode running = get("/api/runs/" + runId);

        // then it shows the platform's total, its rate and the time to go
        assertThat(running.path("status").asText()).isEqualTo("RUNNING");
        assertThat(running.path("expectedTotal").asInt()).isEqualTo(visible);
        assertThat(running.path("fetched").asInt()).isLessThan(visible);
        assertThat(running.path("recordsPerSecond").asDouble()).isPositive();
        assertThat(running.path("etaSeconds").asLong()).isPositive();

        // when it finishes, and a second run finds nothing new
        http.delete("/sim/control/faults");
        await(() -> !get("/api/runs/" + runId).path("finishedAt").isNull(), "the run to finish");
        JsonNode first = get("/api/runs/" + runId);
        JsonNode second = syncToTheEnd();

        // then a finished run has no time to go, and today's counts are the two runs' sums
        assertThat(first.path("etaSeconds").isNull()).isTrue();
        JsonNode days = get("/api/runs/daily?source=" + SOURCE);
        assertThat(days.size()).isEqualTo(1);
        JsonNode today = days.get(0);
        assertThat(today.path("date").asText()).isEqualTo(LocalDate.now(SHANDONG).toString());
        assertThat(today.path("runs").asInt()).isEqualTo(2);
        assertThat(today.path("succeeded").asInt()).isEqualTo(2);
        assertThat(today.path("fetched").asInt()).isEqualTo(first.path("fetched").asInt() + second.path("fetched").asInt());
        assertThat(today.path("newRecords").asInt()).isEqualTo(first.path("newRecords").asInt());
        assertThat(today.path("replays").asInt()).isEqualTo(second.path("replays").asInt());
        assertThat(today.path("quarantined").asInt())
                .isEqualTo(first.path("quarantined").asInt() + second.path("quarantined").asInt());

        // and every line the run logged carries its run id and source id
        assertThat(output.getAll()).contains("[run=" + runId + " source=" + SOURCE + "]")
                .contains("sync run " + runId + " of " + SOURCE + " succeeded");
    }

    @Test
    void metricsCountEachSourcesRecordsAndWhatWaits() {
        // given the counters as they stand
        double fetchedBefore = counter("chsync_records_fetched_total", source(SOURCE));
        double quarantinedBefore = counter("chsync_records_quarantined_total", source(SOURCE));
        double acceptedBefore = counter("chsync_push_items_total", source(SOURCE), "result=\"accepted\"");

        // when the platform is synced and pushed
        JsonNode run = syncToTheEnd();
        awaitOutboxDrained();

        // then the counters moved by exactly the run's counts, and the gauges read the tables
        assertThat(metric("chsync_records_fetched_total", source(SOURCE)) - fetchedBefore).isEqualTo(run.path("fetched").asInt());
        assertThat(metric("chsync_records_quarantined_total", source(SOURCE)) - quarantinedBefore)
                .isEqualTo(run.path("quarantined").asInt());
        assertThat(metric("chsync_push_items_total", source(SOURCE), "result=\"accepted\"") - acceptedBefore)
                .isEqualTo(count("SELECT COUNT(*) FROM push_outbox WHERE result = 'ACCEPTED'"));
        assertThat(metric("chsync_outbox_pending")).isZero();
        assertThat(metric("chsync_reconciliation_open"))
                .isEqualTo(count("SELECT COUNT(*) FROM reconciliation_item WHERE status = 'OPEN'"));
        assertThat(metric("chsync_push_latency_seconds_count", "outcome=\"answered\"")).isPositive();

        // and readiness holds the database and each source's last run
        JsonNode ready = get("/actuator/health/readiness");
        assertThat(ready.path("status").asText()).isEqualTo("UP");
        assertThat(ready.path("components").path("db").path("status").asText()).isEqualTo("UP");
        assertThat(ready.path("components").path("sources").path("details").path(SOURCE).path("lastRun").asText())
                .isEqualTo("SUCCEEDED");
        assertThat(ready.path("components").path("sources").path("details").path("sdld").path("lastRun").asText())
                .isEqualTo("NONE");
    }

    @Test
    void aSourceWithoutASuccessfulSyncInTwiceItsIntervalAndOneWhoseDayFellAwayAreFlagged() {
        // given sdld due every 30 min whose last success was 3 hours ago
        put("/api/sources/sdld/schedule", Map.of("cron", "0 0/30 * * * ?"));
        Instant now = Instant.now();
        run("sdld", now.minus(Duration.ofHours(3)), 50, 0);
        // and two platforms with 100 new records on each of the 7 days before: sdwh brought 10
        // in the last 24 hours, swzj 60 (a dip, not a fall)
        for (int day = 1; day <= 7; day++) {
            run("sdwh", now.minus(Duration.ofDays(day)).minus(Duration.ofHours(1)), 100, 0);
            run("swzj", now.minus(Duration.ofDays(day)).minus(Duration.ofHours(1)), 130, 30);
        }
        run("sdwh", now.minus(Duration.ofMinutes(5)), 10, 0);
        run("swzj", now.minus(Duration.ofMinutes(5)), 90, 30);

        // when the alerts are read
        JsonNode alerts = get("/api/alerts");

        // then sdld is stale, sdwh's volume fell, and swzj is not flagged
        assertThat(alertsOf(alerts, "sdld")).containsExactly("STALE");
        assertThat(alertsOf(alerts, "sdwh")).containsExactly("LOW_VOLUME");
        assertThat(alertsOf(alerts, "swzj")).isEmpty();
        JsonNode sdwh = stateOf(alerts, "sdwh");
        assertThat(sdwh.path("lastDayVolume").asInt()).isEqualTo(10);
        assertThat(sdwh.path("usualDailyVolume").asInt()).isEqualTo(100);
        assertThat(stateOf(alerts, "swzj").path("lastDayVolume").asInt()).isEqualTo(60);
        assertThat(stateOf(alerts, "sdld").path("expectedInterval").asText()).isEqualTo("PT30M");
        // and each alert says so in Chinese, or in English when asked
        assertThat(messageOf(alerts, "sdwh")).isEqualTo("最近 24 小时新增 10 条记录，此前 7 天通常每天 100 条");
        assertThat(messageOf(alerts, "sdld")).startsWith("自 ").endsWith("以来没有成功同步（已 179 分钟；应在 60 分钟内同步）");
        assertThat(messageOf(get("/api/alerts?lang=en"), "sdwh"))
                .isEqualTo("the last 24 hours brought 10 records new to us; a usual day of the 7 before brought 100");

        // and the gauges and the health endpoint say the same
        assertThat(metric("chsync_source_stale", source("sdld"))).isEqualTo(1.0);
        assertThat(metric("chsync_source_stale", source("sdwh"))).isZero();
        assertThat(metric("chsync_source_low_volume", source("sdwh"))).isEqualTo(1.0);
        assertThat(metric("chsync_source_low_volume", source("swzj"))).isZero();
        JsonNode health = get("/actuator/health").path("components").path("sources");
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("details").path("sdld").path("alerts").get(0).asText()).isEqualTo("STALE");

        // when sdld is paused, it is no longer flagged
        post("/api/sources/sdld/pause");
        assertThat(alertsOf(get("/api/alerts"), "sdld")).isEmpty();
    }

    @Test
    void theWorkbenchFiltersByPersonAndDayAndRetriesOneOrManyRecordingEachAction() {
        // given a synced platform with quarantined records and completions the province rejected
        syncToTheEnd();
        awaitOutboxDrained();
        String person = ids.decrypt(jdbc.queryForObject("SELECT id_cipher FROM reconciliation_item WHERE stage = 'VALIDATE' "
                + "AND id_cipher IS NOT NULL ORDER BY id LIMIT 1", String.class));
        int all = count("SELECT COUNT(*) FROM reconciliation_item");
        String today = LocalDate.now(SHANDONG).toString();

        // then the filters find exactly the person's items and today's
        assertThat(get("/api/reconciliation?person=" + person.toLowerCase()).path("total").asInt())
                .isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM reconciliation_item WHERE id_hash = ?", Integer.class,
                        ids.hashAsTyped(person)));
        assertThat(get("/api/reconciliation?from=" + today + "&to=" + today).path("total").asInt()).isEqualTo(all);
        assertThat(get("/api/reconciliation?from=" + LocalDate.now(SHANDONG).plusDays(1)).path("total").asInt()).isZero();
        assertThat(get("/api/reconciliation?to=" + LocalDate.now(SHANDONG).minusDays(1)).path("total").asInt()).isZero();

        // when support retries one quarantined record: the current mapping and rules refuse it again
        long refused = jdbc.queryForObject("SELECT id FROM reconciliation_item WHERE stage = 'VALIDATE' ORDER BY id LIMIT 1", Long.class);
        String reason = jdbc.queryForObject("SELECT reason_code FROM reconciliation_item WHERE id = ?", String.class, refused);
        JsonNode once = postJson("/api/reconciliation/" + refused + "/retry", Map.of("note", "platform says it is fixed"));
        assertThat(once.path("outcome").asText()).isEqualTo("STILL_OPEN");
        assertThat(once.path("message").asText()).contains(reason);
        JsonNode item = get("/api/reconciliation/" + refused);
        assertThat(item.path("status").asText()).isEqualTo("OPEN");
        assertThat(item.path("attempts").asInt()).isEqualTo(1);
        assertThat(item.path("actions").size()).isEqualTo(1);
        assertThat(item.path("actions").get(0).path("action").asText()).isEqualTo("RETRY");
        assertThat(item.path("actions").get(0).path("actor").asText()).isEqualTo("admin");
        assertThat(item.path("actions").get(0).path("note").asText()).startsWith("platform says it is fixed — still refused");

        // when support retries every rejected push at once: the province rejects them again
        List<Long> rejected = jdbc.queryForList("SELECT id FROM reconciliation_item WHERE reason_code = 'PUSH_REJECTED' ORDER BY id", Long.class);
        int rejectedBefore = get("/sim/province/stats").path("rejected").asInt();
        JsonNode many = postJson("/api/reconciliation/retry", Map.of("ids", rejected, "note", "course filed since"));
        assertThat(many.path("counts").path("RETRYING").asInt()).isEqualTo(rejected.size());
        awaitOutboxDrained();
        await(() -> count("SELECT COUNT(*) FROM reconciliation_item WHERE status = 'RETRYING'") == 0, "the retries to settle");

        // then they are open again with a second occurrence, and the province saw each once more
        assertThat(get("/sim/province/stats").path("rejected").asInt()).isEqualTo(rejectedBefore + rejected.size());
        assertThat(count("SELECT COUNT(*) FROM reconciliation_item WHERE reason_code = 'PUSH_REJECTED' AND status = 'OPEN' "
                + "AND occurrences = 2 AND attempts = 1")).isEqualTo(rejected.size());

        // and a retry of a closed item is refused, of an unknown one not found
        postJson("/api/reconciliation/" + refused + "/ignore", Map.of("note", "test record"));
        assertThat(http.postForEntity("/api/reconciliation/" + refused + "/retry", null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(http.postForEntity("/api/reconciliation/999999/retry", null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void retriedFailuresAreResolvedWhenTheRetryWorks() {
        // given a platform failing on its second page, and a province failing every batch
        String source = "sdwh";
        http.postForEntity("/sim/control/faults", Map.of("target", source, "failPages", List.of(2), "status", 500, "times", 0),
                String.class);
        http.postForEntity("/sim/control/faults", Map.of("target", "province", "status", 503, "times", 0), String.class);
        JsonNode broken = syncToTheEnd(source);
        assertThat(broken.path("status").asText()).isEqualTo("FAILED");
        await(() -> count(OutboxRepository.WAITING) == 0, "every row to exhaust its attempts");
        long fetchItem = jdbc.queryForObject("SELECT id FROM reconciliation_item WHERE stage = 'FETCH'", Long.class);
        List<Long> exhausted = jdbc.queryForList(
                "SELECT id FROM reconciliation_item WHERE reason_code = 'PUSH_RETRIES_EXHAUSTED' ORDER BY id", Long.class);
        assertThat(exhausted).hasSize(count("SELECT COUNT(*) FROM push_outbox WHERE status = 'FAILED'")).isNotEmpty();

        // when both recover and support retries everything
        http.delete("/sim/control/faults");
        List<Long> ids = new ArrayList<>(exhausted);
        ids.add(fetchItem);
        JsonNode retried = postJson("/api/reconciliation/retry", Map.of("ids", ids));
        assertThat(retried.path("counts").path("RETRYING").asInt()).isEqualTo(ids.size());
        await(() -> count("SELECT COUNT(*) FROM reconciliation_item WHERE status = 'RETRYING'") == 0, "the retries to settle");
        awaitOutboxDrained();
        await(() -> count("SELECT COUNT(*) FROM reconciliation_item WHERE status = 'RETRYING'") == 0, "the pushes to settle");

        // then every item is resolved by what the pipeline saw, after the retry that support asked for
        assertThat(count("SELECT COUNT(*) FROM reconciliation_item WHERE status = 'RESOLVED'")).isEqualTo(ids.size());
        JsonNode fetch = get("/api/reconciliation/" + fetchItem);
        assertThat(fetch.path("actions").findValuesAsText("action")).containsExactly("RETRY", "RESOLVE");
        assertThat(fetch.path("actions").get(1).path("actor").asText()).isEqualTo("system");
        // a row the province took is resolved as taken; one it refused for good is filed as PUSH_REJECTED
        List<String> notes = jdbc.queryForList("SELECT a.note FROM reconciliation_action a JOIN reconciliation_item i "
                + "ON i.id = a.item_id WHERE i.reason_code = 'PUSH_RETRIES_EXHAUSTED' AND a.action = 'RESOLVE'", String.class);
        int refused = count("SELECT COUNT(*) FROM push_outbox o JOIN reconciliation_item i ON i.completion_key = o.completion_key "
                + "WHERE i.reason_code = 'PUSH_RETRIES_EXHAUSTED' AND o.status = 'REJECTED'");
        assertThat(notes).hasSize(exhausted.size());
        assertThat(notes.stream().filter(n -> n.equals("the provincial platform took it on retry")).count())
                .isEqualTo(exhausted.size() - refused);
        assertThat(count("SELECT COUNT(*) FROM reconciliation_item WHERE reason_code = 'PUSH_REJECTED' AND status = 'OPEN'"))
                .isEqualTo(get("/sim/expected").path("sources").path(source).path("provinceRejected").asInt());
        JsonNode province = get("/sim/province/stats");
        JsonNode expected = get("/sim/expected").path("sources").path(source);
        assertThat(province.path("uniqueKeys").asInt()).isEqualTo(expected.path("validCompletions").asInt());
        assertThat(province.path("doubleCounted").asInt()).isZero();
    }

    @Test
    void aCompletionHandedToThePushAndNotYetAnsweredIsOnItsWayInTheTraceAndCountedAsWaiting() {
        // given a platform synced and pushed, then one of its completions as a page leaves one it hands over:
        // no outbox row yet, and its page's lease standing for it, not run out
        syncToTheEnd();
        awaitOutboxDrained();
        String key = jdbc.queryForObject("""
                SELECT r.completion_key FROM credit_record r JOIN push_outbox o
                    ON o.completion_key = r.completion_key AND o.revision = r.revision
                WHERE o.status = 'DONE' AND r.state = 'ACTIVE' ORDER BY r.id LIMIT 1""", String.class);
        int revision = jdbc.queryForObject("SELECT revision FROM credit_record WHERE completion_key = ?", Integer.class, key);
        jdbc.update("DELETE FROM push_outbox WHERE completion_key = ?", key);
        jdbc.update("INSERT INTO push_lease (token, created_at, lease_until, unanswered, entries) VALUES (?, ?, ?, ?, ?)",
                "a-page-in-flight", Timestamp.from(Instant.now()), Timestamp.from(Instant.now().plus(Duration.ofHours(1))), 1,
                key + ":" + revision + "\n");
        String person = ids.decrypt(jdbc.queryForObject("SELECT id_cipher FROM credit_record WHERE completion_key = ?",
                String.class, key));
        int year = jdbc.queryForObject("SELECT study_year FROM credit_record WHERE completion_key = ?", Integer.class, key);
        java.math.BigDecimal hours = jdbc.queryForObject("SELECT hours FROM credit_record WHERE completion_key = ?",
                java.math.BigDecimal.class, key);

        // when support asks where the person's hours are
        JsonNode trace = get("/api/people/" + person + "/trace");

        // then the completion is pending, its page's write its first attempt, and its hours are on their way
        JsonNode push = null;
        for (JsonNode c : trace.path("completions")) {
            if (c.path("completionKey").asText().equals(key)) {
                push = c.path("push");
            }
        }
        assertThat(push).isNotNull();
        assertThat(push.path("status").asText()).isEqualTo("PENDING");
        assertThat(push.path("revision").asInt()).isEqualTo(revision);
        assertThat(push.path("attempts").asInt()).isEqualTo(1);
        JsonNode ofTheYear = null;
        for (JsonNode y : trace.path("years")) {
            if (y.path("year").asInt() == year) {
                ofTheYear = y;
            }
        }
        assertThat(ofTheYear.path("onTheWay").decimalValue()).isEqualByComparingTo(hours);
        // and the gauge of what waits counts it
        assertThat(metric("chsync_outbox_pending")).isEqualTo(1.0);
    }

    @Test
    void aPersonsTraceShowsEveryCompletionFromFetchToTheProvinceWithItsDuplicatesLinked() {
        // given every platform synced and pushed
        syncAllToTheEnd();
        awaitOutboxDrained();
        String key = jdbc.queryForObject("SELECT completion_key FROM credit_record_source GROUP BY completion_key "
                + "HAVING COUNT(*) > 1 ORDER BY completion_key LIMIT 1", String.class);
        String person = ids.decrypt(jdbc.queryForObject("SELECT id_cipher FROM credit_record WHERE completion_key = ?",
                String.class, key));

        // when support asks where the person's hours are
        JsonNode trace = get("/api/people/" + person + "/trace");

        // then each completion is there once, with every platform that reported it and the province's answer
        assertThat(trace.path("idNumber").asText()).isEqualTo(person.substring(0, 6) + "********" + person.substring(14));
        assertThat(trace.path("completions").size())
                .isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM credit_record WHERE id_hash = ?", Integer.class, ids.hash(person)));
        JsonNode completion = null;
        for (JsonNode c : trace.path("completions")) {
            if (c.path("completionKey").asText().equals(key)) {
                completion = c;
            }
        }
        assertThat(completion).isNotNull();
        List<Map<String, Object>> lineage = jdbc.queryForList("SELECT source_id, is_primary FROM credit_record_source "
                + "WHERE completion_key = ? ORDER BY is_primary DESC, created_at, source_id", key);
        assertThat(completion.path("reportedBy").findValuesAsText("sourceId"))
                .containsExactlyElementsOf(lineage.stream().map(r -> (String) r.get("source_id")).toList());
        assertThat(completion.path("reportedBy").get(0).path("primary").asBoolean()).isTrue();
        assertThat(completion.path("reportedBy").get(1).path("primary").asBoolean()).isFalse();
        assertThat(completion.path("push").path("status").asText()).isEqualTo("DONE");
        // and the hours the province holds for the person add up per year
        for (JsonNode year : trace.path("years")) {
            assertThat(year.path("atProvince").decimalValue()).isEqualByComparingTo(jdbc.queryForObject("""
                    SELECT COALESCE(SUM(r.hours), 0) FROM credit_record r JOIN push_outbox o
                        ON o.completion_key = r.completion_key AND o.revision = r.revision
                    WHERE r.id_hash = ? AND r.study_year = ? AND r.state = 'ACTIVE' AND o.status = 'DONE'
                    """, java.math.BigDecimal.class, ids.hash(person), year.path("year").asInt()));
        }

        // and a person nothing is known of is not found, an impossible number refused
        assertThat(http.getForEntity("/api/people/110101199001011237/trace", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.getForEntity("/api/people/" + "1".repeat(65) + "/trace", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void theDailyStatementMatchesTheProvincesAndAMismatchIsFiledUntilItAddsUp() {
        // given a synced and pushed platform
        JsonNode run = syncToTheEnd();
        awaitOutboxDrained();
        String today = LocalDate.now(SHANDONG).toString();
        int done = count("SELECT COUNT(*) FROM push_outbox WHERE status = 'DONE'");
        int rejected = count("SELECT COUNT(*) FROM push_outbox WHERE status = 'REJECTED'");

        // when today's statement is read before anyone worked it out, it has no rows and none are written
        assertThat(get("/api/tally?date=" + today).size()).isZero();
        assertThat(count("SELECT COUNT(*) FROM daily_tally")).isZero();
        // and when support works it out
        postJson("/api/tally/run?date=" + today, null);
        JsonNode rows = get("/api/tally?date=" + today);

        // then our counts and the province's agree for every source
        assertThat(rows.size()).isEqualTo(get("/api/sources").size());
        JsonNode row = rowOf(rows, SOURCE);
        assertThat(row.path("runs").asInt()).isEqualTo(1);
        assertThat(row.path("fetched").asInt()).isEqualTo(run.path("fetched").asInt());
        assertThat(row.path("stored").asInt()).isEqualTo(run.path("newRecords").asInt());
        assertThat(row.path("quarantined").asInt()).isEqualTo(run.path("quarantined").asInt());
        assertThat(row.path("pushed").asInt()).isEqualTo(done);
        assertThat(row.path("rejected").asInt()).isEqualTo(rejected);
        assertThat(row.path("provinceAccepted").asInt()).isEqualTo(done);
        assertThat(row.path("provinceRejected").asInt()).isEqualTo(rejected);
        assertThat(rows.findValuesAsText("status")).containsOnly("MATCHED");
        assertThat(count("SELECT COUNT(*) FROM reconciliation_item WHERE stage = 'TALLY'")).isZero();

        // and the CSV export says the same
        ResponseEntity<byte[]> csv = http.getForEntity("/api/tally?date=" + today + "&format=csv", byte[].class);
        assertThat(csv.getHeaders().getContentType().toString()).isEqualTo("text/csv;charset=UTF-8");
        String[] lines = new String(csv.getBody(), StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0]).isEqualTo("\uFEFFdate,sourceId,runs,fetched,stored,quarantined,pushed,rejected,"
                + "provinceAccepted,provinceRejected,status");
        assertThat(lines).hasSize(1 + rows.size()).contains(String.join(",", today, SOURCE, "1",
                run.path("fetched").asText(), run.path("newRecords").asText(), run.path("quarantined").asText(),
                Integer.toString(done), Integer.toString(rejected), Integer.toString(done), Integer.toString(rejected), "MATCHED"));

        // when three of our settlements are booked on another day and the statement is worked out again
        jdbc.update("UPDATE push_outbox SET done_at = ? WHERE id IN (SELECT id FROM (SELECT id FROM push_outbox "
                + "WHERE status = 'DONE' ORDER BY id LIMIT 3) moved)", Timestamp.from(Instant.now().minus(Duration.ofDays(3))));
        JsonNode again = postJson("/api/tally/run?date=" + today, null);

        // then the source's day is a mismatch, filed once as a TALLY item saying by how much
        assertThat(rowOf(again, SOURCE).path("status").asText()).isEqualTo("MISMATCH");
        assertThat(rowOf(again, SOURCE).path("pushed").asInt()).isEqualTo(done - 3);
        JsonNode items = get("/api/reconciliation?stage=TALLY").path("items");
        assertThat(items.size()).isEqualTo(1);
        assertThat(items.get(0).path("reasonCode").asText()).isEqualTo("TALLY_MISMATCH");
        assertThat(items.get(0).path("message").asText()).isEqualTo(today + ": we settled " + (done - 3)
                + " with the province (" + rejected + " rejected); its statement says it took " + done + " (" + rejected + " rejected)");

        // when the settlements are put back and support retries the item
        jdbc.update("UPDATE push_outbox SET done_at = ? WHERE status = 'DONE'", Timestamp.from(Instant.now()));
        JsonNode retried = postJson("/api/reconciliation/" + items.get(0).path("id").asLong() + "/retry", null);

        // then the statement adds up and the item is resolved
        assertThat(retried.path("outcome").asText()).isEqualTo("RESOLVED");
        assertThat(rowOf(get("/api/tally?date=" + today), SOURCE).path("status").asText()).isEqualTo("MATCHED");
        assertThat(http.getForEntity("/api/tally?date=" + LocalDate.now(SHANDONG).plusDays(1), String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void theWholeHttpApiIsDescribedAndBrowsable() {
        JsonNode paths = get("/v3/api-docs").path("paths");
        for (String path : List.of("/api/sources", "/api/sources/{id}/sync", "/api/sources/{id}/schedule",
                "/api/sources/{id}/pause", "/api/sources/{id}/resume", "/api/runs", "/api/runs/{id}", "/api/runs/daily",
                "/api/alerts", "/api/reconciliation", "/api/reconciliation/{id}", "/api/reconciliation/{id}/retry",
                "/api/reconciliation/retry", "/api/reconciliation/{id}/resolve", "/api/reconciliation/{id}/ignore",
                "/api/tally", "/api/tally/run", "/api/people/{idNumber}/trace", "/api/people/{idNumber}/years/{year}",
                "/api/people/{idNumber}/years", "/api/reports/compliance")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        assertThat(http.getForEntity("/swagger-ui/index.html", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private void run(String source, Instant at, int fetched, int replays) {
        jdbc.update("""
                INSERT INTO sync_run (source_id, trigger_type, status, node, started_at, finished_at, fetched, replays, new_records)
                VALUES (?, 'SCHEDULE', 'SUCCEEDED', 'test', ?, ?, ?, ?, ?)
                """, source, Timestamp.from(at), Timestamp.from(at.plusSeconds(30)), fetched, replays, fetched - replays);
    }

    private static List<String> alertsOf(JsonNode alerts, String source) {
        return stateOf(alerts, source).path("alerts").findValuesAsText("kind");
    }

    private static String messageOf(JsonNode alerts, String source) {
        return stateOf(alerts, source).path("alerts").get(0).path("message").asText();
    }

    private static JsonNode stateOf(JsonNode alerts, String source) {
        for (JsonNode state : alerts.path("sources")) {
            if (state.path("sourceId").asText().equals(source)) {
                return state;
            }
        }
        throw new AssertionError("no state of " + source);
    }

    private static JsonNode rowOf(JsonNode rows, String source) {
        for (JsonNode row : rows) {
            if (row.path("sourceId").asText().equals(source)) {
                return row;
            }
        }
        throw new AssertionError("no row of " + source);
    }

    /** A value of /actuator/prometheus: the first series of the name carrying every label given (key="value"). */
    private double metric(String name, String... labels) {
        Double value = series(name, labels);
        assertThat(value).as(name + " " + List.of(labels) + " in /actuator/prometheus").isNotNull();
        return value;
    }

    /** The same for a counter that may not have counted anything yet (then 0). */
    private double counter(String name, String... labels) {
        Double value = series(name, labels);
        return value == null ? 0 : value;
    }

    private Double series(String name, String... labels) {
        for (String line : http.getForObject("/actuator/prometheus", String.class).split("\n")) {
            if ((line.startsWith(name + "{") || line.startsWith(name + " "))
                    && java.util.Arrays.stream(labels).allMatch(line::contains)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return null;
    }

    private static String source(String id) {
        return "source=\"" + id + "\"";
    }

    private void put(String path, Object body) {
        assertThat(http.exchange(path, HttpMethod.PUT, new HttpEntity<>(body), String.class).getStatusCode().is2xxSuccessful())
                .as("PUT " + path).isTrue();
    }

    private JsonNode postJson(String path, Object body) {
        ResponseEntity<JsonNode> answer = http.postForEntity(path, body, JsonNode.class);
        assertThat(answer.getStatusCode().is2xxSuccessful()).as("POST " + path + ": " + answer.getBody()).isTrue();
        return answer.getBody();
    }
}
