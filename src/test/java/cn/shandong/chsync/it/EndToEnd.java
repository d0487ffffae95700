package cn.shandong.chsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.push.OutboxRepository;
import cn.shandong.chsync.security.IdProtection;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the end-to-end suites share: a running service with its simulators, emptied before each
 * test, and the steps and checks they are written in. Sources are synced by the test alone.
 * A suite adds its own settings with {@code @TestPropertySource}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sync.sync-on-start=false",
        // every sync is started by the test: a cron firing mid-test would push completions it does not expect
        "sync.scheduler.enabled=false",
        "sync.push.period-ms=200",
        "sync.pull.retries=1",
        "sync.pull.retry-delay-ms=100",
        "sync.push.backoff-base=PT0.2S",
        // pages held or kept are committed with the run's next page that is, or its last: not by the clock
        "sync.pull.held-pages-commit-every=PT1H",
})
abstract class EndToEnd {

    static final String SOURCE = "sdbz";
    /**
     * How long a platform made slow takes over each page, so that a test can act between two of them. The source
     * holds six pages at 150 people; at this pace the wait for one page to be committed (polled every 100 ms,
     * the push of its first batch included) ends well before the next one is in.
     */
    static final int SLOW_PAGE_MS = 1500;
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdProtection ids;

    @Autowired
    CamelContext camel;
    @Autowired
    Scheduler scheduler;

    @BeforeEach
    void startFromNothing() throws Exception {
        // the suites act as the demo's administrator; what each role may do is AccessRulesIT's
        http = http.withBasicAuth("admin", "admin");
        // A batch still in flight from the previous test must not land in this one's province.
        camel.getRouteController().stopRoute("push");
        ServiceState.startFromNothing(jdbc, http);
        camel.getRouteController().startRoute("push");
    }

    JsonNode syncToTheEnd() {
        return syncToTheEnd(SOURCE);
    }

    JsonNode syncToTheEnd(String source) {
        return syncToTheEnd(source, "");
    }

    /** Starts a run of the source (query: "" or "?full=true", an operator's re-read) and waits for its end. */
    JsonNode syncToTheEnd(String source, String query) {
        ResponseEntity<JsonNode> started = http.postForEntity("/api/sources/" + source + "/sync" + query, null, JsonNode.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        long runId = started.getBody().path("runId").asLong();
        await(() -> !get("/api/runs/" + runId).path("finishedAt").isNull(), "run " + runId + " to finish");
        return get("/api/runs/" + runId);
    }

    /** Starts every source at once, as a morning of cron fires would, and waits for all of them. */
    List<JsonNode> syncAllToTheEnd() {
        List<Long> ids = new java.util.ArrayList<>();
        for (JsonNode source : get("/api/sources")) {
            ResponseEntity<JsonNode> started = http.postForEntity("/api/sources/" + source.path("id").asText() + "/sync",
                    null, JsonNode.class);
            assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            ids.add(started.getBody().path("runId").asLong());
        }
        await(() -> ids.stream().allMatch(id -> !get("/api/runs/" + id).path("finishedAt").isNull()), "every source's run to finish");
        return ids.stream().map(id -> get("/api/runs/" + id)).toList();
    }

    void awaitOutboxDrained() {
        // nothing pending in the outbox, nor handed over by a page and not yet answered
        await(() -> count(OutboxRepository.WAITING) == 0, "the outbox to drain");
    }

    static void assertBalanced(JsonNode run) {
        assertThat(run.path("fetched").asInt()).as("fetched = new + replays + revisions + duplicates + quarantined + superseded")
                .isEqualTo(run.path("newRecords").asInt() + run.path("replays").asInt() + run.path("revisions").asInt()
                        + run.path("crossSourceDuplicates").asInt() + run.path("quarantined").asInt()
                        + run.path("superseded").asInt());
    }

    Map<String, Integer> validationItemsByReason() {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.query("SELECT reason_code, COUNT(*) FROM reconciliation_item WHERE stage = 'VALIDATE' GROUP BY reason_code",
                rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                });
        return counts;
    }

    static Map<String, Integer> asCounts(JsonNode node) {
        Map<String, Integer> counts = new HashMap<>();
        node.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
        return counts;
    }

    int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }

    JsonNode get(String path) {
        ResponseEntity<JsonNode> answer = http.getForEntity(path, JsonNode.class);
        assertThat(answer.getStatusCode().is2xxSuccessful()).as("GET " + path).isTrue();
        return answer.getBody();
    }

    void post(String path) {
        assertThat(http.postForEntity(path, null, String.class).getStatusCode().is2xxSuccessful()).as("POST " + path).isTrue();
    }

    static void await(BooleanSupplier condition, String what) {
        await(condition, what, PATIENCE);
    }

    static void await(BooleanSupplier condition, String what, Duration patience) {
        Waits.await(condition, what, patience);
    }
}
