package cn.shandong.chsync.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service killed with SIGKILL in the middle of a sync and while the province's answer to a
 * batch it has already taken is in flight; restarted on the same MariaDB, it resumes the sync
 * from its checkpoint and resends the batch under the same keys. Runs the packaged jar as two
 * processes (simulators, service), as bench/chaos does, so the kill is a real one.
 */
class CrashRecoveryMariaDbIT {

    private static final String DATABASE = "chsync_it_crash";
    private static final String SOURCE = "sdbz";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void aServiceKilledMidSyncAndMidPushResumesAndTheProvinceHoldsEachCompletionOnce() throws Exception {
        fresh();
        int simPort = freePort();
        int port = freePort();
        start("simulators", "--spring.profiles.active=simulator", "--server.port=" + simPort, "--sync.simulators.people=150");
        String sim = "http://localhost:" + simPort + "/sim";
        awaitUp(sim + "/expected");
        JsonNode expected = get(sim + "/expected").path("sources").path(SOURCE);
        int visible = expected.path("validCompletions").asInt() + expected.path("provinceRejected").asInt()
                + expected.path("crossSourceDuplicates").asInt() + expected.path("badRecords").asInt();

        // given a slow platform, and a province that takes the first batch and holds its answer 60 s
        post(sim + "/control/faults", "{\"target\":\"" + SOURCE + "\",\"delayMs\":300,\"times\":0}");
        post(sim + "/control/faults", "{\"target\":\"province\",\"afterProcessing\":true,\"delayMs\":60000,\"times\":1}");
        Process service = startService(port, sim, "first");
        String api = "http://localhost:" + port + "/api";
        awaitSources(api);
        assertThat(post(api + "/sources/" + SOURCE + "/sync", "").statusCode()).isEqualTo(202);

        // when the service is killed with two pages committed and the batch's answer in flight
        await(() -> query("SELECT COALESCE(MAX(pages), 0) FROM sync_run") >= 2
                && get(sim + "/province/stats").path("accepted").asInt() > 0, "two pages and a batch taken");
        int takenBeforeTheKill = get(sim + "/province/stats").path("accepted").asInt();
        service.destroyForcibly().waitFor();
        assertThat(query("SELECT COUNT(*) FROM sync_run WHERE status = 'RUNNING'")).isEqualTo(1);

        // when it starts again and the source is synced once the dead instance's heartbeat is stale
        post(sim + "/control/faults", null, "DELETE");
        startService(port, sim, "second");
        awaitSources(api);
        await(() -> post(api + "/sources/" + SOURCE + "/sync", "").statusCode() == 202, "the source to be free");
        await(() -> query("SELECT COUNT(*) FROM sync_run WHERE status = 'SUCCEEDED'") == 1, "the resumed run to finish");
        await(() -> query("SELECT COUNT(*) FROM push_outbox WHERE status = 'PENDING'") == 0, "the outbox to drain");

        // then the killed run is ABANDONED, every page was counted once, and the province holds each completion once
        assertThat(query("SELECT COUNT(*) FROM sync_run WHERE status = 'ABANDONED'")).isEqualTo(1);
        assertThat(query("SELECT SUM(fetched) FROM sync_run")).isEqualTo(visible);
        assertThat(query("SELECT SUM(replays) FROM sync_run")).isZero();
        JsonNode province = get(sim + "/province/stats");
        assertThat(province.path("uniqueKeys").asInt()).isEqualTo(expected.path("validCompletions").asInt());
        assertThat(province.path("doubleCounted").asInt()).isZero();
        // the batch taken before the kill came again under the same keys: answered as duplicates, nothing more
        assertThat(province.path("duplicateSubmissions").asInt()).isEqualTo(takenBeforeTheKill);
        assertThat(query("SELECT COUNT(*) FROM push_outbox WHERE result = 'DUPLICATE'")).isEqualTo(takenBeforeTheKill);
    }

    private Process startService(int port, String sim, String name) throws IOException {
        String url = MariaDb.SERVER + DATABASE + MariaDb.OPTIONS;
        return start("service-" + name, "--server.port=" + port, "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + MariaDb.USER, "--spring.datasource.password=" + MariaDb.PASSWORD,
                "--sync.simulators.enabled=false", "--sync.simulators.base-url=" + sim, "--sync.sync-on-start=false",
                "--sync.scheduler.enabled=false", "--sync.node.heartbeat=PT1S", "--sync.node.timeout=PT3S",
                "--sync.push.lease=PT5S", "--sync.push.period-ms=200", "--sync.push.backoff-base=PT0.2S");
    }

    private Process start(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(new File("."))
                .redirectErrorStream(true).redirectOutput(new File("target/crash-" + name + ".log")).start();
        processes.add(process);
        return process;
    }

    private static Path jar() throws IOException {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("credit-hour-sync-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no packaged jar in target/: run with mvn verify"));
        }
    }

    private static void fresh() throws SQLException {
        try (Connection c = DriverManager.getConnection(MariaDb.SERVER + MariaDb.OPTIONS, MariaDb.USER, MariaDb.PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE);
            s.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
    }

    private static int query(String sql) {
        try (Connection c = DriverManager.getConnection(MariaDb.SERVER + DATABASE + MariaDb.OPTIONS, MariaDb.USER, MariaDb.PASSWORD);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private JsonNode get(String url) {
        try {
            return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("GET " + url, e);
        }
    }

    private HttpResponse<String> post(String url, String json) {
        return post(url, json, "POST");
    }

    private HttpResponse<String> post(String url, String json, String method) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + url, e);
        }
    }

    private void awaitUp(String url) {
        await(() -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        }, url + " to answer");
    }

    /** The API answers before the sources are registered with their routes; wait for those. */
    private void awaitSources(String api) {
        awaitUp(api + "/sources");
        await(() -> get(api + "/sources").size() > 0, "the sources to be registered");
    }

    private static void await(BooleanSupplier condition, String what) {
        EndToEnd.await(condition, what, PATIENCE);
    }
}
