package cn.shandong.chsync.it;

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
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The packaged jar run as real processes (simulators, service instances) against a MariaDB
 * database of the test's own, so a kill is a real SIGKILL; with the HTTP and SQL the tests
 * that drive them speak.
 */
final class Jars implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /**
     * What a service outside the demo must be given (it refuses to start without): a user, the ID
     * numbers' keys (the same on every instance of one database) and the hosts it may call.
     */
    private static final String ADMIN_PASSWORD = "it-admin-password";
    private static final String AUTHORIZATION = "Basic " + java.util.Base64.getEncoder()
            .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    private static final List<String> SECURITY = List.of(
            "--sync.security.users[0].username=admin", "--sync.security.users[0].password=" + ADMIN_PASSWORD,
            "--sync.security.users[0].role=ADMIN",
            "--sync.security.id-numbers.current-key=it",
            "--sync.security.id-numbers.keys.it=" + key("integration-test id key"),
            "--sync.security.id-numbers.hash-key=" + key("integration-test hash key"),
            "--sync.security.platform-hosts=localhost,127.0.0.1");

    private final String database;
    private final String logPrefix;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> processes = new ArrayList<>();

    /** Processes on an embedded H2 database of their own each, in MySQL mode: no SQL from the test. */
    static Jars onEmbeddedH2(String logPrefix) {
        return new Jars(logPrefix);
    }

    private Jars(String logPrefix) {
        this.database = null;
        this.logPrefix = logPrefix;
    }

    Jars(String database, String logPrefix) throws SQLException {
        this.database = database;
        this.logPrefix = logPrefix;
        try (Connection c = DriverManager.getConnection(MariaDb.SERVER + MariaDb.OPTIONS, MariaDb.USER, MariaDb.PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
    }

    /** The simulators on a port of their own; answers their base URL (…/sim) once they answer. */
    String simulators(int people) throws IOException {
        int port = freePort();
        start("simulators", "--spring.profiles.active=simulator", "--server.port=" + port, "--sync.simulators.people=" + people);
        String sim = "http://localhost:" + port + "/sim";
        awaitUp(sim + "/expected");
        return sim;
    }

    /** A service instance on the test's database and the simulators at {@code sim}; extra arguments last. */
    Process service(String name, int port, String sim, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--server.port=" + port,
                "--spring.datasource.url=" + (database == null ? "jdbc:h2:mem:chsync;MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
                        + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1" : MariaDb.SERVER + database + MariaDb.OPTIONS),
                "--spring.datasource.username=" + (database == null ? "sa" : MariaDb.USER),
                "--spring.datasource.password=" + (database == null ? "" : MariaDb.PASSWORD),
                "--sync.simulators.enabled=false", "--sync.simulators.base-url=" + sim, "--sync.sync-on-start=false",
                "--sync.node.heartbeat=PT1S", "--sync.node.timeout=PT3S", "--sync.push.lease=PT5S",
                "--sync.push.period-ms=200", "--sync.push.backoff-base=PT0.2S"));
        args.addAll(SECURITY);
        args.addAll(List.of(extra));
        return start("service-" + name, args.toArray(String[]::new));
    }

    private Process start(String name, String... args) throws IOException {
        Process process = launch(logPrefix + "-" + name, args);
        processes.add(process);
        return process;
    }

    /**
     * The packaged jar in a JVM of its own with the heap a deployment gives it (-Xmx512m); one that
     * runs out of heap exits at once instead of limping on, so a test sees it as a dead process, and
     * leaves its heap in target/ to say what filled it.
     * Its output goes to target/{log}.log.
     */
    private static Process launch(String log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=target", "-jar", jar().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(new File("."))
                .redirectErrorStream(true).redirectOutput(new File("target/" + log + ".log")).start();
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
    }

    private static Path jar() throws IOException {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("credit-hour-sync-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no packaged jar in target/: run with mvn verify"));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The first column of the first row, as a number; -1 while the database cannot be read. */
    int query(String sql) {
        try (Connection c = DriverManager.getConnection(MariaDb.SERVER + database + MariaDb.OPTIONS, MariaDb.USER, MariaDb.PASSWORD);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Every row of a query, each as its columns' text. */
    List<List<String>> rows(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(MariaDb.SERVER + database + MariaDb.OPTIONS, MariaDb.USER, MariaDb.PASSWORD);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    JsonNode get(String url) {
        try {
            return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", AUTHORIZATION).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("GET " + url, e);
        }
    }

    HttpResponse<String> post(String url, String json) {
        return send(url, json, "POST");
    }

    HttpResponse<String> send(String url, String json, String method) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .header("Authorization", AUTHORIZATION)
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + url, e);
        }
    }

    void awaitUp(String url) {
        await(() -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", AUTHORIZATION).build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        }, url + " to answer");
    }

    /** The API answers before the sources are registered with their routes; wait for all of them. */
    void awaitSources(String api) throws IOException {
        awaitSources(api, Path.of("mappings"));
    }

    /** As {@link #awaitSources(String)}, for a service reading its mappings from {@code mappingsDir}. */
    void awaitSources(String api, Path mappingsDir) throws IOException {
        int mappings;
        try (var files = Files.list(mappingsDir)) {
            mappings = (int) files.filter(p -> p.getFileName().toString().endsWith(".mapping.yaml")).count();
        }
        awaitUp(api + "/sources");
        await(() -> get(api + "/sources").size() == mappings, "the " + mappings + " sources to be registered");
    }

    /** 32 bytes derived from a phrase, Base64: a key of the tests' own, never the demo's. */
    private static String key(String phrase) {
        try {
            return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(phrase.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(BooleanSupplier condition, String what) {
        EndToEnd.await(condition, what, PATIENCE);
    }
}
