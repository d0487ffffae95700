package cn.shandong.chsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.push.OutboxRepository;
import cn.shandong.chsync.record.IdNumber;
import cn.shandong.chsync.security.IdProtection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A platform that sends the hostile corpus (src/test/resources/hostile/yxlearning-cases.yaml)
 * among valid records, in its own format over HTTP: every bad case becomes exactly one
 * reconciliation row with its precise reason, every valid and tolerated record is stored and
 * reaches the province, and fetched = stored + quarantined. Run once per database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sync.sync-on-start=false",
        "sync.scheduler.enabled=false",
        "sync.push.period-ms=200",
})
abstract class HostileInputTests {

    private static final String SOURCE = "sdbz";
    private static final int VALID_RECORDS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Charset GBK = Charset.forName("GBK");
    private static final HttpServer PLATFORM = hostilePlatform();
    private static volatile byte[] firstPage = new byte[0];

    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdProtection ids;

    @Autowired
    void http(TestRestTemplate http) {
        this.http = http.withBasicAuth("admin", "admin");
    }

    @DynamicPropertySource
    static void platformAddress(DynamicPropertyRegistry registry) {
        registry.add("SDBZ_BASE_URL", () -> "http://localhost:" + PLATFORM.getAddress().getPort());
    }

    @Test
    void everyBadRecordBecomesOneRowWithItsReasonAndEverythingAroundItGoesThrough() throws IOException {
        // given a page of the corpus' cases, a valid record after each of the first fifty
        List<Map<String, Object>> cases = corpus();
        List<Integer> validIndexes = new ArrayList<>();
        List<byte[]> items = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            if (i < VALID_RECORDS) {
                items.add(item(base(1000 + i, "V" + (i + 1)), Map.of()));
                validIndexes.add(1000 + i);
            }
            items.add(caseItem(i, cases.get(i)));
        }
        firstPage = page(items);
        List<String> taken = List.of("STORED", "REPLAYED", "SUPERSEDES");
        List<Map<String, Object>> bad = cases.stream().filter(c -> !taken.contains(c.get("expect"))).toList();
        List<Map<String, Object>> tolerated = cases.stream().filter(c -> "STORED".equals(c.get("expect"))).toList();
        long replayed = cases.stream().filter(c -> "REPLAYED".equals(c.get("expect"))).count();
        long superseding = cases.stream().filter(c -> "SUPERSEDES".equals(c.get("expect"))).count();
        assertThat(bad).as("the corpus holds at least 60 distinct bad-record cases").hasSizeGreaterThanOrEqualTo(60);

        // when the platform is synced
        ResponseEntity<JsonNode> started = http.postForEntity("/api/sources/" + SOURCE + "/sync", null, JsonNode.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        long runId = started.getBody().path("runId").asLong();
        EndToEnd.await(() -> !get("/api/runs/" + runId).path("finishedAt").isNull(), "the run to finish");
        JsonNode run = get("/api/runs/" + runId);

        // then the run succeeded and balances: fetched = stored + replays + superseded + quarantined
        int stored = VALID_RECORDS + tolerated.size();
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.path("fetched").asInt()).isEqualTo(items.size());
        assertThat(run.path("newRecords").asInt()).isEqualTo(stored);
        assertThat(run.path("quarantined").asInt()).isEqualTo(bad.size());
        assertThat(run.path("replays").asInt()).isEqualTo(replayed);
        assertThat(run.path("superseded").asInt()).isEqualTo(superseding);
        EndToEnd.assertBalanced(run);

        // and each bad case is one reconciliation row with exactly its reason
        Map<String, Integer> expectedReasons = new HashMap<>();
        bad.forEach(c -> expectedReasons.merge((String) c.get("expect"), 1, Integer::sum));
        Map<String, Integer> filed = new HashMap<>();
        jdbc.query("SELECT reason_code, COUNT(*) FROM reconciliation_item GROUP BY reason_code",
                rs -> {
                    filed.put(rs.getString(1), rs.getInt(2));
                });
        assertThat(filed).isEqualTo(expectedReasons);
        for (Map<String, Object> c : bad) {
            String id = recordId(c);
            if (id != null && id.length() <= 64) {
                assertThat(jdbc.queryForList("SELECT reason_code FROM reconciliation_item WHERE source_record_id = ?"
                        + " AND reason_code = ?", String.class, id, c.get("expect")))
                        .as("case %s", c.get("case")).hasSize(1);
            }
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reconciliation_item WHERE raw_payload IS NULL OR message = ''",
                Integer.class)).as("every row keeps the item as sent and says why").isZero();

        // and the tolerated ones were stored as normalised
        for (Map<String, Object> c : tolerated) {
            @SuppressWarnings("unchecked")
            Map<String, Object> columns = (Map<String, Object>) c.get("stored");
            for (Map.Entry<String, Object> column : columns.entrySet()) {
                // the ID number is stored encrypted: id_number names what decrypts from id_cipher
                boolean idNumber = column.getKey().equals("id_number");
                String value = jdbc.queryForObject("SELECT " + (idNumber ? "id_cipher" : column.getKey())
                        + " FROM credit_record WHERE source_record_id = ?", String.class, c.get("case"));
                assertThat(idNumber ? ids.decrypt(value) : value).as("case %s, %s", c.get("case"), column.getKey())
                        .isEqualTo(column.getValue().toString());
            }
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM credit_record", Integer.class)).isEqualTo(stored);
        // and a changed copy of V2 later in the page, with the same update time, is the one stored
        assertThat(jdbc.queryForObject("SELECT hours FROM credit_record WHERE source_record_id = 'V2'", BigDecimal.class))
                .isEqualByComparingTo("7");

        // and a record stamped 2099 did not carry the cursor past the records still to come
        assertThat(jdbc.queryForObject("SELECT since_value FROM source_cursor WHERE source_id = ?", String.class, SOURCE))
                .startsWith("2024-");

        // and every stored record reached the province, once
        // (nothing pending in the outbox, nor handed over by a page and not yet answered)
        EndToEnd.await(() -> jdbc.queryForObject(OutboxRepository.WAITING, Integer.class) == 0, "the outbox to drain");
        JsonNode province = get("/sim/province/stats");
        assertThat(province.path("accepted").asInt()).isEqualTo(stored);
        assertThat(province.path("rejected").asInt()).isZero();
        assertThat(province.path("duplicateSubmissions").asInt()).isZero();
    }

    private static List<Map<String, Object>> corpus() throws IOException {
        try (InputStream in = HostileInputTests.class.getResourceAsStream("/hostile/yxlearning-cases.yaml")) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> cases = (List<Map<String, Object>>) new YAMLMapper().readValue(in, Map.class).get("cases");
            return cases;
        }
    }

    /** The record id a case is sent with; null when it is sent without one or is no record. */
    private static String recordId(Map<String, Object> c) {
        if (c.containsKey("noId") || c.containsKey("item")) {
            return null;
        }
        if (c.containsKey("repeatOf")) {
            return "V" + c.get("repeatOf");
        }
        Object repeat = c.get("repeat");
        if (repeat instanceof Map<?, ?> r && r.containsKey("id")) {
            List<?> spec = (List<?>) r.get("id");
            return spec.get(0).toString().repeat((Integer) spec.get(1));
        }
        return (String) c.get("case");
    }

    @SuppressWarnings("unchecked")
    private static byte[] caseItem(int index, Map<String, Object> c) {
        if (c.containsKey("item")) {
            return ((String) c.get("item")).getBytes(StandardCharsets.UTF_8);
        }
        Map<String, Object> fields;
        if (c.containsKey("repeatOf")) {
            int of = (Integer) c.get("repeatOf");
            fields = base(1000 + of - 1, "V" + of);
        } else {
            fields = base(index, (String) c.get("case"));
        }
        if (c.containsKey("noId")) {
            fields.remove("id");
        }
        ((List<String>) c.getOrDefault("unset", List.of())).forEach(fields::remove);
        fields.putAll((Map<String, Object>) c.getOrDefault("set", Map.of()));
        ((Map<String, List<Object>>) c.getOrDefault("repeat", Map.of()))
                .forEach((field, spec) -> fields.put(field, spec.get(0).toString().repeat((Integer) spec.get(1))));
        Map<String, Object> raw = new HashMap<>();
        ((Map<String, String>) c.getOrDefault("json", Map.of())).forEach((field, json) -> raw.put(field, json.getBytes(StandardCharsets.UTF_8)));
        ((Map<String, String>) c.getOrDefault("gbk", Map.of())).forEach((field, text) -> {
            ByteArrayOutputStream quoted = new ByteArrayOutputStream();
            quoted.write('"');
            quoted.writeBytes(text.getBytes(GBK));
            quoted.write('"');
            raw.put(field, quoted.toByteArray());
        });
        raw.keySet().forEach(field -> fields.putIfAbsent(field, null));
        return item(fields, raw);
    }

    /** A valid record of the platform; {@code n} makes its person and course its own. */
    private static Map<String, Object> base(int n, String recordId) {
        String first17 = "371602" + LocalDate.of(1970, 1, 1).plusDays(n * 7L).toString().replace("-", "")
                + String.format("%03d", n % 1000);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", recordId);
        f.put("sfzh", first17 + IdNumber.checkCharacter(first17));
        f.put("xm", "王秀英");
        f.put("dwmc", "滨州市人民医院");
        f.put("tyshxydm", "91371600MA3C12345F");
        f.put("kcbh", "K" + n);
        f.put("kcmc", "专业技术人员继续教育课程" + n);
        f.put("kclb", n % 2 == 0 ? "1" : "2");
        f.put("pxlx", "01");
        f.put("xs", "3");
        f.put("hgsj", "2024-05-12 10:" + String.format("%02d", n % 60) + ":00");
        f.put("zsbh", "ZS2024" + n);
        f.put("zt", "1");
        f.put("gxsj", "2024-06-01 08:" + String.format("%02d", n % 60) + ":00");
        return f;
    }

    private static byte[] item(Map<String, Object> fields, Map<String, Object> raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('{');
        boolean first = true;
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            out.writeBytes(json(field.getKey()));
            out.write(':');
            Object value = raw.get(field.getKey());
            out.writeBytes(value != null ? (byte[]) value : json(field.getValue()));
        }
        out.write('}');
        return out.toByteArray();
    }

    private static byte[] page(List<byte[]> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("{\"code\":0,\"msg\":\"success\",\"data\":{\"total\":" + items.size()
                + ",\"pageNo\":1,\"pageSize\":200,\"list\":[").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(items.get(i));
        }
        out.writeBytes("]}}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The platform: page 1 is the hostile page, any later page is empty. */
    private static HttpServer hostilePlatform() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/api/open/study-records", exchange -> {
                String query = String.valueOf(exchange.getRequestURI().getQuery());
                byte[] body = query.contains("pageNo=1&") || query.endsWith("pageNo=1") ? firstPage
                        : "{\"code\":0,\"msg\":\"success\",\"data\":{\"total\":0,\"list\":[]}}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode get(String path) {
        ResponseEntity<JsonNode> answer = http.getForEntity(path, JsonNode.class);
        assertThat(answer.getStatusCode().is2xxSuccessful()).as("GET " + path).isTrue();
        return answer.getBody();
    }
}
