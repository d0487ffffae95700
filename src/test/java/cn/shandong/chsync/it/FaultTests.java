package cn.shandong.chsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * The faults a province-wide deployment meets, each injected into the simulators and checked
 * against their ground truth: nothing lost, nothing counted twice. Timeouts are short here (2 s)
 * so a slow answer is a timeout; the circuit breaker opens after 3 failures for 1.5 s.
 */
@TestPropertySource(properties = {
        "sync.simulators.people=150",
        "sync.pull.max-page-bytes=1000000",
        "sync.push.backoff-max=PT1S",
        "sync.push.breaker-failures=3",
        "sync.push.breaker-open=PT1.5S",
        "camel.component.http.response-timeout=2000",
        "camel.component.http.so-timeout=2000",
})
abstract class FaultTests extends EndToEnd {

    @Value("${sync.push.batch-size}")
    int batchSize;

    @Test
    void aBatchTheProvinceTookButWhoseAnswerWasLostIsSentAgainUnderTheSameKeysAndCountedOnce() {
        for (Map<String, Object> lost : List.<Map<String, Object>>of(
                Map.of("target", "province", "afterProcessing", true, "delayMs", 3000, "times", 1),
                Map.of("target", "province", "afterProcessing", true, "cutOff", true, "times", 1))) {
            // given a province that takes the next batch but whose answer is lost (too late for our timeout, or cut off)
            http.postForEntity("/sim/control/epoch/" + (lost.containsKey("cutOff") ? 2 : 1), null, String.class);
            JsonNode expected = get("/sim/expected").path("sources").path(SOURCE);
            int duplicatesBefore = get("/sim/province/stats").path("duplicateSubmissions").asInt();
            int resentBefore = count("SELECT COUNT(*) FROM push_outbox WHERE result = 'DUPLICATE'");
            fault(lost);

            // when a sync runs and its records are pushed
            syncToTheEnd();
            awaitOutboxDrained();

            // then that one batch went again, its accepted items were answered as duplicates, and each is held once
            JsonNode province = get("/sim/province/stats");
            int resent = count("SELECT COUNT(*) FROM push_outbox WHERE result = 'DUPLICATE'") - resentBefore;
            assertThat(resent).as("items resent after %s", lost).isBetween(1, batchSize);
            assertThat(province.path("duplicateSubmissions").asInt() - duplicatesBefore).isEqualTo(resent);
            assertThat(count("SELECT COUNT(*) FROM push_outbox WHERE result = 'DUPLICATE' AND attempts <> 2")).isZero();
            assertThat(province.path("uniqueKeys").asInt()).isEqualTo(expected.path("validCompletions").asInt());
            assertThat(province.path("doubleCounted").asInt()).isZero();
        }
    }

    @Test
    void answersThatAreNotJsonOrAreServerErrorsAreRetriedAndEveryCompletionArrivesOnce() {
        // given a province that answers a broken body once, then 502 once
        JsonNode expected = get("/sim/expected").path("sources").path(SOURCE);
        fault(Map.of("target", "province", "malformed", true, "times", 1));
        fault(Map.of("target", "province", "status", 502, "times", 1));

        syncToTheEnd();
        awaitOutboxDrained();

        JsonNode province = get("/sim/province/stats");
        assertThat(province.path("duplicateSubmissions").asInt()).isZero();
        assertThat(province.path("uniqueKeys").asInt()).isEqualTo(expected.path("validCompletions").asInt());
        assertThat(province.path("accepted").asInt()).isEqualTo(expected.path("validCompletions").asInt());
        // the two failed requests were of at most a batch each (one batch twice, or two batches once)
        assertThat(count("SELECT SUM(attempts - 1) FROM push_outbox")).isBetween(2, 2 * batchSize);
        assertThat(count("SELECT MAX(attempts) FROM push_outbox")).isBetween(2, 3);
    }

    @Test
    void aProvinceThatIsDownIsNotHammeredAndGetsEverythingOnceWhenItIsBack() throws InterruptedException {
        // given a province that answers 503 to everything
        JsonNode expected = get("/sim/expected").path("sources").path(SOURCE);
        fault(Map.of("target", "province", "status", 503, "times", 0));

        // when a sync fills the outbox and the breaker has opened after 3 failed batches
        syncToTheEnd();
        await(() -> get("/sim/province/stats").path("requests").asInt() >= 3, "three failed batches");
        int opened = get("/sim/province/stats").path("requests").asInt();
        Thread.sleep(3000);

        // then for 3 s only probes went, one each 1.5 s open period, where the 200 ms loop would have sent ~15 batches
        int during = get("/sim/province/stats").path("requests").asInt() - opened;
        assertThat(during).isBetween(1, 3);
        assertThat(get("/actuator/metrics/chsync.push.breaker.open").path("measurements").get(0).path("value").asDouble())
                .isEqualTo(1.0);

        // when the province is back, the next probe closes the breaker and every completion arrives once
        http.delete("/sim/control/faults");
        awaitOutboxDrained();
        JsonNode province = get("/sim/province/stats");
        assertThat(province.path("uniqueKeys").asInt()).isEqualTo(expected.path("validCompletions").asInt());
        assertThat(province.path("duplicateSubmissions").asInt()).isZero();
        assertThat(get("/actuator/metrics/chsync.push.breaker.open").path("measurements").get(0).path("value").asDouble())
                .isEqualTo(0.0);
    }

    @Test
    void aRowThatKeepsFailingIsNotRetriedForeverButFiledForSupportAfterItsLastAttempt() throws Exception {
        // given a province that answers 500 to everything
        fault(Map.of("target", "province", "status", 500, "times", 0));

        // when a small platform (one batch) is synced and the push keeps trying it
        syncToTheEnd("zjzd");
        await(() -> count("SELECT COUNT(*) FROM push_outbox WHERE status = 'FAILED'") > 0, "a row to give up");
        camel.getRouteController().stopRoute("push");

        // then each row given up had exactly the 10 attempts allowed and has its reconciliation item saying so
        int failed = count("SELECT COUNT(*) FROM push_outbox WHERE status = 'FAILED'");
        assertThat(count("SELECT COUNT(*) FROM push_outbox WHERE status = 'FAILED' AND attempts = 10")).isEqualTo(failed);
        assertThat(count("SELECT COUNT(*) FROM push_outbox WHERE attempts > 10")).isZero();
        assertThat(count("SELECT COUNT(*) FROM reconciliation_item WHERE stage = 'PUSH' AND reason_code = 'PUSH_RETRIES_EXHAUSTED'"
                + " AND message LIKE 'gave up after 10 attempts; last error: the provincial platform answered HTTP 500'"))
                .isEqualTo(failed);
        camel.getRouteController().startRoute("push");
    }

    @Test
    void sickPlatformsFailTheirOwnRunsWithTheReasonAndNeverStopTheOthers() {
        // given six sick platforms among the healthy ones
        fault(Map.of("target", "sdbz", "status", 503, "times", 0));                 // down
        fault(Map.of("target", "zjzd", "delayMs", 3000, "times", 0));              // slower than the 2 s timeout
        fault(Map.of("target", "sdou", "cutOff", true, "times", 0));               // connection cut mid-page
        fault(Map.of("target", "ytuzj", "malformed", true, "times", 0));           // broken XML
        fault(Map.of("target", "zjhuaxue", "charset", "UTF-8", "times", 0));       // its GBK file written in UTF-8
        fault(Map.of("target", "sdwh", "photoBytes", 8000, "times", 0));           // 200 photos: a page over 1 MB
        Map<String, String> sick = Map.of("sdbz", "FETCH_FAILED", "zjzd", "FETCH_FAILED", "sdou", "FETCH_FAILED",
                "ytuzj", "PAGE_MALFORMED", "zjhuaxue", "PAGE_WRONG_CHARSET", "sdwh", "PAGE_TOO_LARGE");

        // when every source syncs
        List<JsonNode> runs = syncAllToTheEnd();

        // then each sick one failed with its reason filed and its cursor unmoved; every other one succeeded
        Map<String, String> statuses = new HashMap<>();
        runs.forEach(r -> statuses.put(r.path("sourceId").asText(), r.path("status").asText()));
        statuses.forEach((source, status) ->
                assertThat(status).as(source).isEqualTo(sick.containsKey(source) ? "FAILED" : "SUCCEEDED"));
        sick.forEach((source, reason) -> {
            assertThat(jdbc.queryForList("SELECT reason_code FROM reconciliation_item WHERE source_id = ? AND stage IN ('FETCH', 'PARSE')",
                    String.class, source)).as(source).containsExactly(reason);
            assertThat(count("SELECT COUNT(*) FROM source_cursor WHERE source_id = '" + source + "' AND since_value IS NOT NULL"))
                    .as(source).isZero();
        });
        assertThat(runs.stream().filter(r -> r.path("status").asText().equals("FAILED"))
                .allMatch(r -> !r.path("message").asText().isBlank())).isTrue();
        // and each failed run names its reason as a code, for people to read in their language
        Map<String, String> runReasons = new HashMap<>();
        runs.forEach(r -> runReasons.put(r.path("sourceId").asText(), r.path("reasonCode").isNull() ? null : r.path("reasonCode").asText()));
        sick.forEach((source, reason) -> assertThat(runReasons.get(source)).as(source).isEqualTo(reason));
        assertThat(runReasons.get("sdld")).isNull();

        // when they recover and sync again, the province holds exactly the valid completions of them all
        http.delete("/sim/control/faults");
        syncAllToTheEnd();
        awaitOutboxDrained();
        JsonNode expected = get("/sim/expected");
        JsonNode province = get("/sim/province/stats");
        assertThat(province.path("uniqueKeys").asInt()).isEqualTo(expected.path("validCompletions").asInt());
        assertThat(province.path("doubleCounted").asInt()).isZero();
        assertThat(province.path("duplicateSubmissions").asInt()).isZero();
    }

    private void fault(Map<String, Object> fault) {
        assertThat(http.postForEntity("/sim/control/faults", fault, String.class).getStatusCode().is2xxSuccessful()).isTrue();
    }
}
