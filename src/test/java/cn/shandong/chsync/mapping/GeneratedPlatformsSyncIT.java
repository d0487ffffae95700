package cn.shandong.chsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.CreditHourSyncApplication;
import cn.shandong.chsync.it.Folders;
import cn.shandong.chsync.it.PlatformQueries;
import cn.shandong.chsync.it.ServiceState;
import cn.shandong.chsync.mapping.GeneratedPlatform.Version;
import cn.shandong.chsync.pull.RunTrigger;
import cn.shandong.chsync.pull.SyncRun;
import cn.shandong.chsync.pull.SyncRuns;
import cn.shandong.chsync.push.OutboxRepository;
import cn.shandong.chsync.security.IdProtection;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Generated platforms (see {@link GeneratedPlatform}) end to end: each is written as
 * mappings/gen.mapping.yaml and taken up by a hot reload, served by an HTTP server inside the
 * test that answers every request as the platform would (its paging kind, its total, its
 * updated-since filter read in its own format), and synced twice by the running service: the pull
 * route, H2, the push to the simulated province. After each pass what the service holds
 * (credit_record and its lineage) and what the province holds equal the generator's truth record
 * by record: person, course, subject, amount and hours, completion date, update time, withdrawal;
 * at the province the revision stored here, its hours and its withdrawal, and nothing else held.
 * Each pass's counts balance, with exact new records (and revisions where update times order
 * the copies).
 *
 * <p>One service serves every try (a platform is swapped in by reload, the tables emptied before
 * it). A failing platform is printed, shrunk, as its mapping file and its pages.
 */
class GeneratedPlatformsSyncIT {

    private static final String ID = GeneratedPlatform.ID;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** The platform the in-test server plays now, and the pass it is in. */
    private static final AtomicReference<GeneratedPlatform> PLAYING = new AtomicReference<>();
    private static final AtomicInteger PASS = new AtomicInteger();
    /** Records the server sent in the current pass. */
    private static final AtomicInteger SERVED = new AtomicInteger();
    private static final Map<String, Integer> TALLY = new TreeMap<>();

    private static HttpServer server;
    private static Path home;
    private static ConfigurableApplicationContext service;
    private static JdbcTemplate jdbc;
    private static TestRestTemplate http;
    private static IdProtection ids;
    private static SyncRuns runs;
    private static ProducerTemplate producer;

    // edge cases left out: mixed in, they are the first value of each choice and skew the platforms to JSON and page numbers
    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void whatTheServiceAndTheProvinceHoldEqualsTheGeneratorsTruthAfterTwoPasses(
            @ForAll("platforms") GeneratedPlatform platform) throws IOException {
        startOnce();
        tally(platform);
        ServiceState.startFromNothing(jdbc, http);
        PLAYING.set(platform);
        takeUp(platform);
        try {
            JsonNode first = sync(1);
            assertThat(first.path("fetched").asInt()).as("fetched in pass 1").isEqualTo(SERVED.get());
            assertThat(first.path("newRecords").asInt()).as("new in pass 1").isEqualTo(platform.records().size());
            assertThat(first.path("revisions").asInt()).as("revisions in pass 1").isZero();
            assertHolds(platform, platform.truth(1));

            JsonNode second = sync(2);
            assertThat(second.path("fetched").asInt()).as("fetched in pass 2").isEqualTo(SERVED.get());
            assertThat(second.path("newRecords").asInt()).as("new in pass 2").isZero();
            if (platform.timed()) {
                // with update times each record that changed is one revision, wherever its copies fell
                assertThat(second.path("revisions").asInt()).as("revisions in pass 2").isEqualTo(platform.changedInPass2());
            }
            assertHolds(platform, platform.truth(2));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nthe platform:" + platform.printed(baseUrl()), e);
        }
    }

    @Provide
    Arbitrary<GeneratedPlatform> platforms() {
        return GeneratedPlatform.arbitrary();
    }

    @AfterContainer
    static void sayHowManyAndStop() throws IOException {
        System.out.println("GeneratedPlatformsSyncIT: generated platforms: " + TALLY.getOrDefault("platforms", 0)
                + " synced twice end to end (" + tallied("json", "xml", "csv") + "; paging: "
                + tallied(GeneratedPlatform.KINDS.toArray(String[]::new)) + "; " + tallied("with total", "with cursor") + ")");
        if (service != null) {
            service.close();
        }
        if (server != null) {
            server.stop(0);
        }
        if (home != null) {
            try (var files = Files.walk(home)) {
                files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String tallied(String... kinds) {
        StringBuilder s = new StringBuilder();
        for (String kind : kinds) {
            s.append(s.isEmpty() ? "" : ", ").append(kind).append(' ').append(TALLY.getOrDefault(kind, 0));
        }
        return s.toString();
    }

    private static void tally(GeneratedPlatform p) {
        synchronized (TALLY) {
            TALLY.merge("platforms", 1, Integer::sum);
            TALLY.merge(p.format().toLowerCase(), 1, Integer::sum);
            TALLY.merge(p.kind(), 1, Integer::sum);
            TALLY.merge(p.totals() ? "with total" : "without total", 1, Integer::sum);
            TALLY.merge(p.cursor() ? "with cursor" : "without cursor", 1, Integer::sum);
        }
    }

    // ---------------------------------------------------------------- the steps

    /** The platform's mapping file in mappings/, taken up as an operator's reload takes it. */
    private static void takeUp(GeneratedPlatform platform) throws IOException {
        Files.writeString(home.resolve("mappings").resolve(ID + ".mapping.yaml"), platform.mappingFile(baseUrl()));
        ResponseEntity<JsonNode> reloaded = http.postForEntity("/api/mappings/reload", null, JsonNode.class);
        assertThat(reloaded.getStatusCode().is2xxSuccessful()).as("reload answered %s", reloaded).isTrue();
        assertThat(reloaded.getBody().path("refused")).as("refused by the reload").isEmpty();
    }

    /** One pass, run synchronously on this thread by the pull route; then the push drained. */
    private static JsonNode sync(int pass) {
        PASS.set(pass);
        SERVED.set(0);
        SyncRun run = runs.begin(ID, RunTrigger.MANUAL).orElseThrow();
        producer.send("direct:pull-" + ID, exchange -> exchange.setProperty(SyncRuns.RUN, run));
        JsonNode done = http.getForObject("/api/runs/" + run.id(), JsonNode.class);
        assertThat(done.path("status").asText()).as("run of pass %d: %s", pass, done).isEqualTo("SUCCEEDED");
        assertThat(jdbc.queryForList("SELECT CONCAT(reason_code, ': ', message) FROM reconciliation_item", String.class))
                .as("filed for support in pass %d", pass).isEmpty();
        assertThat(done.path("quarantined").asInt() + done.path("crossSourceDuplicates").asInt()).as("quarantined").isZero();
        assertThat(done.path("fetched").asInt()).as("fetched = new + replays + revisions + superseded")
                .isEqualTo(done.path("newRecords").asInt() + done.path("replays").asInt() + done.path("revisions").asInt()
                        + done.path("superseded").asInt());
        awaitDrained();
        return done;
    }

    /** Nothing waits to be pushed: looked at often, as a pass of a few records drains in milliseconds. */
    private static void awaitDrained() {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (jdbc.queryForObject(OutboxRepository.WAITING, Integer.class) > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for the outbox to drain after " + PATIENCE.toSeconds() + " s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for the outbox to drain");
            }
        }
    }

    /** The service's rows and the province's holdings, record by record, against the truth. */
    private static void assertHolds(GeneratedPlatform platform, Map<String, Version> truth) {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        jdbc.queryForList("SELECT c.source_record_id, c.revision, c.person_name, c.id_cipher, c.course_name, c.subject, c.amount,"
                + " c.unit, c.hours, c.completion_date, c.state, c.province_key, s.source_updated_at FROM credit_record c"
                + " JOIN credit_record_source s ON s.source_id = c.source_id AND s.source_record_id = c.source_record_id"
                + " WHERE c.source_id = ?", ID)
                .forEach(row -> rows.put((String) row.get("source_record_id"), row));
        assertThat(rows.keySet()).as("records the service holds").containsExactlyInAnyOrderElementsOf(truth.keySet());
        int withdrawn = 0;
        for (var e : truth.entrySet()) {
            String id = e.getKey();
            Version v = e.getValue();
            Map<String, Object> row = rows.get(id);
            BigDecimal hours = platform.credits() ? v.hours().multiply(BigDecimal.valueOf(5)) : v.hours();
            assertThat(row.get("person_name")).as("%s name", id).isEqualTo(v.name());
            // compared, never printed: a mismatch says which record, not the number
            assertThat(v.idNumber().equals(ids.decrypt((String) row.get("id_cipher")))).as("%s ID number", id).isTrue();
            assertThat(row.get("course_name")).as("%s course", id).isEqualTo(v.course());
            assertThat((BigDecimal) row.get("amount")).as("%s amount", id).isEqualByComparingTo(v.hours());
            assertThat(row.get("unit")).as("%s unit", id).isEqualTo(platform.credits() ? "CREDITS" : "HOURS");
            assertThat((BigDecimal) row.get("hours")).as("%s hours", id).isEqualByComparingTo(hours);
            assertThat(row.get("subject")).as("%s subject", id).isEqualTo(v.publicSubject() ? "PUBLIC" : "PROFESSIONAL");
            assertThat(row.get("state")).as("%s state", id).isEqualTo(v.withdrawn() ? "REVOKED" : "ACTIVE");
            assertThat(LocalDate.parse(row.get("completion_date").toString())).as("%s completion date", id)
                    .isEqualTo(v.completed());
            Object updatedAt = row.get("source_updated_at");
            assertThat(updatedAt instanceof Timestamp t ? t.toLocalDateTime() : updatedAt)
                    .as("%s updated at", id).isEqualTo(v.updatedAtOrNull());

            String key = ids.decrypt((String) row.get("province_key"));
            ResponseEntity<JsonNode> held = http.getForEntity("/sim/province/held/" + key, JsonNode.class);
            assertThat(held.getStatusCode().value()).as("the province holds %s", id).isEqualTo(200);
            assertThat(held.getBody().path("revision").asInt()).as("%s revision the province holds", id)
                    .isEqualTo(((Number) row.get("revision")).intValue());
            // the service's API writes numbers as text
            assertThat(new BigDecimal(held.getBody().path("hours").asText("0"))).as("%s hours the province holds (%s)", id, held.getBody())
                    .isEqualByComparingTo(hours);
            assertThat(held.getBody().path("revoked").asBoolean()).as("%s withdrawn at the province", id)
                    .isEqualTo(v.withdrawn());
            withdrawn += v.withdrawn() ? 1 : 0;
        }
        JsonNode stats = http.getForObject("/sim/province/stats", JsonNode.class);
        assertThat(stats.path("uniqueKeys").asInt()).as("completions the province counts").isEqualTo(truth.size() - withdrawn);
        assertThat(stats.path("revoked").asInt()).as("completions withdrawn at the province").isEqualTo(withdrawn);
        assertThat(stats.path("rejected").asInt()).as("refused by the province").isZero();
    }

    // ---------------------------------------------------------------- the service and the platform's server

    private static String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort() + "/" + ID;
    }

    private static synchronized void startOnce() throws IOException {
        if (service != null) {
            return;
        }
        server = platformServer();
        home = Files.createTempDirectory("chsync-generated-");
        Folders.copy(Path.of("routes"), home.resolve("routes"));
        Path mappings = Files.createDirectories(home.resolve("mappings/vendors"));
        for (String schema : new String[] {MappingSchema.MAPPING_SCHEMA, MappingSchema.VENDOR_SCHEMA}) {
            Files.copy(Path.of("mappings").resolve(schema), home.resolve("mappings").resolve(schema));
        }
        // a source to start with: each try swaps in its own platform by reload
        GeneratedPlatform first = GeneratedPlatform.arbitrary().sample();
        Files.writeString(mappings.resolveSibling(ID + ".mapping.yaml"), first.mappingFile(baseUrl()));
        service = new SpringApplicationBuilder(CreditHourSyncApplication.class).run(
                "--sync.home=" + home, "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:chsync-generated;MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
                        + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
                "--sync.sync-on-start=false", "--sync.scheduler.enabled=false",
                // the test reloads when it has written a platform, not a timer in between
                "--sync.mappings.reload-automatically=false",
                // a page of fewer than three records is held for the next, a larger one committed alone: both paths
                "--sync.pull.commit-records=3", "--sync.pull.held-pages-commit-every=PT1H",
                "--sync.pull.retries=0",
                // revisions wait in the outbox for a push loop's look: a short period keeps each try short
                "--sync.push.period-ms=20", "--sync.push.backoff-base=PT0.2S",
                "--logging.level.cn.shandong.chsync=WARN", "--logging.level.org.apache.camel=WARN");
        jdbc = service.getBean(JdbcTemplate.class);
        ids = service.getBean(IdProtection.class);
        runs = service.getBean(SyncRuns.class);
        producer = service.getBean(CamelContext.class).createProducerTemplate();
        String port = service.getEnvironment().getProperty("local.server.port");
        TestRestTemplate admin = new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port))
                .withBasicAuth("admin", "admin");
        // an API token: a password is checked by a slow hash on every request, a token by SHA-256
        String token = admin.postForObject("/api/tokens", Map.of("label", "generated platforms"), JsonNode.class)
                .path("token").asText();
        http = new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + token));
    }

    /** Answers /gen/records as the platform being played, for the pass it is in. */
    private static HttpServer platformServer() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        s.createContext("/" + ID + "/records", exchange -> {
            Map<String, String> query = PlatformQueries.of(exchange);
            int status = 200;
            byte[] body;
            try {
                GeneratedPlatform.Answer answer = PLAYING.get().answer(PASS.get(), query);
                SERVED.addAndGet(answer.items());
                body = answer.body().getBytes(StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                status = 400;
                body = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        s.start();
        return s;
    }

}
