package cn.shandong.chsync.it;


import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * Platforms that attack the service that reads them, each on its own path of one HTTP server and
 * declared by a mapping file of src/test/resources/hostile/mappings: a gzip stream that inflates
 * without end (hbomb), an answer dripped a byte at a time (hdrip), next-page tokens for ever
 * (htoken), full pages for ever with no total (hfull), one page past any byte limit (hlarge), and
 * pages of records with a megabyte of adversarial text in one field each (htext). Whatever the
 * service does, none of them stops sending on its own: only the service's limits end a run.
 */
final class HostilePlatforms implements AutoCloseable {

    static final int MEGABYTE = 1 << 20;
    /** The record fields of the hostile vendor format, each given every adversarial text once on htext. */
    static final List<String> FIELDS = List.of("id", "idNo", "name", "employer", "course", "type", "hours", "passedAt",
            "status", "updatedAt");
    /** Texts that have made a pattern or a parse super-linear: a megabyte each. */
    static final Map<String, String> TEXTS = texts();
    /** htext's pages: a valid record first and last, an adversarial one between for each field and text. */
    static final int TEXT_RECORDS = FIELDS.size() * TEXTS.size();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A valid person of Binzhou: the adversarial records differ from it in one field. */
    private static final String PERSON = "371602198001010048";

    private final HttpServer server;

    HostilePlatforms() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a dripping or endless answer holds its thread: each request has one of its own
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/hbomb/records", this::bomb);
        server.createContext("/hdrip/records", this::drip);
        server.createContext("/htoken/records", this::tokens);
        server.createContext("/hfull/records", this::fullPages);
        server.createContext("/hlarge/records", this::large);
        server.createContext("/htext/records", this::texts);
        server.start();
    }

    String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** A service home: the project's routes and mappings, and the hostile platforms' mappings beside them. */
    static Path home() {
        try {
            Path home = Files.createTempDirectory("chsync-hostile-");
            Folders.copy(Path.of("routes"), home.resolve("routes"));
            Folders.copy(Path.of("mappings"), home.resolve("mappings"));
            Folders.copy(Path.of("src/test/resources/hostile/mappings"), home.resolve("mappings"));
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    /** A page's opening, then gzipped spaces until the reader hangs up: about a thousand to one. */
    private void bomb(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        exchange.sendResponseHeaders(200, 0);
        byte[] spaces = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = new GZIPOutputStream(exchange.getResponseBody(), 8192)) {
            out.write("{\"ok\": true, \"items\": [".getBytes(StandardCharsets.US_ASCII));
            while (true) {
                out.write(spaces);
            }
        } catch (IOException hungUp) {
            // the service stopped reading: what it is meant to do
        }
    }

    /** A byte every 200 ms, each inside any read timeout, the answer never complete. */
    private void drip(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write('{');
            out.flush();
            while (true) {
                Thread.sleep(200);
                out.write(' ');
                out.flush();
            }
        } catch (IOException | InterruptedException hungUp) {
            // the service gave up on the answer
        }
    }

    /** A full page of valid records and a token for the next, whatever token was asked for. */
    private void tokens(HttpExchange exchange) throws IOException {
        Map<String, String> query = PlatformQueries.of(exchange);
        String token = query.getOrDefault("cursor", "");
        int page = token.isEmpty() ? 1 : Integer.parseInt(token.substring(1)) + 1;
        Map<String, Object> body = page("T" + page, Integer.parseInt(query.getOrDefault("size", "10")));
        body.put("next", "t" + page);
        answer(exchange, JSON.writeValueAsBytes(body));
    }

    /** A full page for every page number asked, and no total. */
    private void fullPages(HttpExchange exchange) throws IOException {
        Map<String, String> query = PlatformQueries.of(exchange);
        answer(exchange, JSON.writeValueAsBytes(page("F" + query.getOrDefault("page", "1"),
                Integer.parseInt(query.getOrDefault("size", "10")))));
    }

    /** One record after another, uncompressed, with no end. */
    private void large(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("{\"ok\": true, \"items\": [".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; ; i++) {
                out.write((JSON.writeValueAsString(record("L" + i, 2)) + ",").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException hungUp) {
            // the service stopped at its byte limit
        }
    }

    /**
     * Page n (of one record): the valid record V1 first, then each field with each adversarial text
     * in turn, then the valid record V2; past them an empty page ends the pass.
     */
    private void texts(HttpExchange exchange) throws IOException {
        int page = Integer.parseInt(PlatformQueries.of(exchange).getOrDefault("page", "1"));
        List<Map<String, Object>> items = new ArrayList<>();
        if (page == 1) {
            items.add(record("V1", 3));
        } else if (page <= TEXT_RECORDS + 1) {
            int n = page - 2;
            Map<String, Object> item = record("X" + n, 3);
            item.put(FIELDS.get(n / TEXTS.size()), List.copyOf(TEXTS.values()).get(n % TEXTS.size()));
            items.add(item);
        } else if (page == TEXT_RECORDS + 2) {
            items.add(record("V2", 4));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", true);
        body.put("items", items);
        answer(exchange, JSON.writeValueAsBytes(body));
    }

    private static Map<String, Object> page(String prefix, int size) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            items.add(record(prefix + "-" + i, 2));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", true);
        body.put("items", items);
        return body;
    }

    static Map<String, Object> record(String id, int hours) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id);
        item.put("idNo", PERSON);
        item.put("name", "李四");
        item.put("employer", "滨州市人民医院");
        item.put("course", "专业课·" + id);
        item.put("type", "专业");
        item.put("hours", String.valueOf(hours));
        item.put("passedAt", "2025-05-01");
        item.put("status", "active");
        item.put("updatedAt", "2025-05-01 10:00:00");
        return item;
    }

    private static void answer(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException hungUp) {
            // nothing to do: the service reads what it reads
        }
    }

    private static Map<String, String> texts() {
        Map<String, String> texts = new LinkedHashMap<>();
        // a letter after the spaces: stripped, the text is still markup, not a lone "<"
        texts.put("a tag opener, a megabyte of spaces, a letter", "<" + " ".repeat(MEGABYTE) + "x");
        texts.put("tag openers with spaces, over and over", "< /  ".repeat(MEGABYTE / 5));
        texts.put("an entity that never closes", "&#" + "a1".repeat(MEGABYTE / 2));
        texts.put("digits", "9".repeat(MEGABYTE));
        texts.put("a decimal", "1." + "0".repeat(MEGABYTE));
        texts.put("digits and spaces", "1 ".repeat(MEGABYTE / 2));
        texts.put("full-width digits", "９".repeat(MEGABYTE / 3));
        texts.put("Han characters", "学".repeat(MEGABYTE / 3));
        return texts;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
