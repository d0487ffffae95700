package cn.shandong.chsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hostile platforms against the packaged service, run as a deployment runs it (its own JVM,
 * -Xmx512m, exiting on the first OutOfMemoryError): a compression bomb, a slow drip, endless
 * next-page tokens, endless full pages, an answer past the byte limit, and a megabyte of
 * adversarial text in every field of a record. Each hostile run ends FAILED with its own reason
 * inside its limits (or, for the texts, files each record with its reason), the service lives
 * through all of them at once, and a well-behaved platform synced at the same time succeeds.
 * Run once per database by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HostilePlatformTests {

    /** Tight enough that the test is short; the mechanism is the production one. */
    private static final int MAX_PAGE_BYTES = 4 * HostilePlatforms.MEGABYTE;
    private static final Duration REQUEST_DEADLINE = Duration.ofSeconds(3);
    /** The read timeout of application.yaml: the deadline is checked after each read, so overrun by one at most. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private HostilePlatforms platforms;
    private Path home;
    private Jars jars;
    private Process service;
    private String api;

    /** Processes on the subclass's database. */
    abstract Jars jars() throws Exception;

    @BeforeAll
    void startTheServiceBesideItsPlatforms() throws Exception {
        platforms = new HostilePlatforms();
        home = HostilePlatforms.home();
        jars = jars();
        String sim = jars.simulators(150);
        int port = Jars.freePort();
        service = jars.service("hostile", port, sim, "--sync.home=" + home, "--HOSTILE_BASE_URL=" + platforms.baseUrl(),
                "--sync.scheduler.enabled=false", "--sync.pull.retries=1", "--sync.pull.retry-delay-ms=100",
                "--sync.pull.max-page-bytes=" + MAX_PAGE_BYTES, "--sync.pull.request-deadline=" + REQUEST_DEADLINE);
        api = "http://localhost:" + port + "/api";
        jars.awaitSources(api, home.resolve("mappings"));
    }

    @AfterAll
    void stop() {
        if (jars != null) {
            jars.close();
        }
        if (platforms != null) {
            platforms.close();
        }
    }

    @Test
    void eachHostilePlatformsRunEndsWithItsReasonWithinItsLimitsAndTheServiceAndOtherSourcesGoOn() {
        // given six hostile platforms and a well-behaved one (the simulated Binzhou platform)
        List<String> sources = List.of("hbomb", "hdrip", "htoken", "hfull", "hlarge", "htext", "sdbz");

        // when all are synced at once
        Map<String, Long> runs = new LinkedHashMap<>();
        for (String source : sources) {
            var started = jars.post(api + "/sources/" + source + "/sync", null);
            assertThat(started.statusCode()).as("sync of " + source).isEqualTo(202);
            runs.put(source, readJson(started.body()).path("runId").asLong());
        }
        Jars.await(() -> runs.values().stream().allMatch(id -> !jars.get(api + "/runs/" + id).path("finishedAt").isNull()),
                "every run to finish");
        Map<String, JsonNode> ended = new LinkedHashMap<>();
        runs.forEach((source, id) -> ended.put(source, jars.get(api + "/runs/" + id)));

        // then each hostile run ended FAILED under its own reason
        assertFailed(ended.get("hbomb"), "PAGE_COMPRESSION_RATIO");
        assertFailed(ended.get("hdrip"), "PAGE_TOO_SLOW");
        assertFailed(ended.get("htoken"), "RUN_PAGE_LIMIT");
        assertFailed(ended.get("hfull"), "RUN_RECORD_LIMIT");
        assertFailed(ended.get("hlarge"), "PAGE_TOO_LARGE");

        // and within its limits: the endless pagers stopped at theirs (6 pages; 45 records, checked a page at a time)
        assertThat(ended.get("htoken").path("message").asText()).startsWith("the run read 6 pages and the platform offers more");
        assertThat(ended.get("hfull").path("message").asText()).startsWith("the run read 50 records and the platform offers more");
        // the drip's every attempt (two: sync.pull.retries=1) gave up at the deadline, overrun by one read at most
        assertThat(took(ended.get("hdrip"))).isBetween(REQUEST_DEADLINE, REQUEST_DEADLINE.plus(READ_TIMEOUT).multipliedBy(2));
        for (String source : List.of("hbomb", "hdrip", "htoken", "hfull", "hlarge")) {
            assertThat(ended.get(source).path("message").asText()).as(source + "'s message").isNotBlank();
        }

        // and the adversarial texts: every record carrying one filed with its reason, the two valid ones stored
        JsonNode texts = ended.get("htext");
        assertThat(texts.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(texts.path("fetched").asInt()).isEqualTo(HostilePlatforms.TEXT_RECORDS + 2);
        assertThat(texts.path("newRecords").asInt()).isEqualTo(2);
        assertThat(texts.path("quarantined").asInt()).isEqualTo(HostilePlatforms.TEXT_RECORDS);
        EndToEnd.assertBalanced(texts);

        // and the well-behaved platform synced beside them all succeeded, every record of it taken in
        JsonNode binzhou = ended.get("sdbz");
        assertThat(binzhou.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(binzhou.path("newRecords").asInt()).isPositive();
        EndToEnd.assertBalanced(binzhou);

        // and the service, on -Xmx512m and exiting on the first OutOfMemoryError, is still there and answering
        assertThat(service.isAlive()).as("the service process").isTrue();
        assertThat(jars.get(api + "/sources").size()).isEqualTo(sources.size() - 1 + repositoryMappings());
    }

    private void assertFailed(JsonNode run, String reason) {
        assertThat(run.path("status").asText()).as(run.path("sourceId").asText()).isEqualTo("FAILED");
        assertThat(run.path("reasonCode").asText()).as(run.path("sourceId").asText()).isEqualTo(reason);
    }

    private static Duration took(JsonNode run) {
        return Duration.between(Instant.parse(run.path("startedAt").asText()), Instant.parse(run.path("finishedAt").asText()));
    }

    private static int repositoryMappings() {
        try (var files = java.nio.file.Files.list(Path.of("mappings"))) {
            return (int) files.filter(p -> p.getFileName().toString().endsWith(".mapping.yaml")).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(String body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
