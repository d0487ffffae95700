package cn.shandong.chsync.it;


import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.record.IdNumber;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The mapping engine on platforms in formats the repository's own mappings do not use (issue
 * #28's five defects), each declared by a mapping file alone (src/test/resources/i28/mappings),
 * served by an HTTP server inside the test and synced into the simulated province. Run once per
 * database by the subclasses.
 */
@TestPropertySource(properties = {
        // each page is committed alone, so a copy on page 1 is in the database when page 2 comes
        "sync.pull.commit-records=1",
})
abstract class MappingEngineTests extends EndToEnd {

    private static final Path HOME = home();
    private static final HttpServer PLATFORMS = platforms();
    /** What each platform answers, by its path prefix ("/i28iso"), for the query it is asked. */
    private static final Map<String, Function<Map<String, String>, String>> PAGES = new ConcurrentHashMap<>();
    /** The queries each platform was asked, in order. */
    private static final Map<String, List<Map<String, String>>> ASKED = new ConcurrentHashMap<>();

    @DynamicPropertySource
    static void platformsAndMappings(DynamicPropertyRegistry registry) {
        registry.add("sync.home", HOME::toString);
        registry.add("I28_BASE_URL", () -> "http://localhost:" + PLATFORMS.getAddress().getPort());
    }

    @BeforeEach
    void noPlatformAnswersYet() {
        PAGES.clear();
        ASKED.clear();
    }

    @Test
    void aPlatformWithOffsetBearingUpdateTimesSyncsIncrementallyPassAfterPass() {
        // given three records, one stamped in UTC, the others at +08:00
        Map<String, String> records = new LinkedHashMap<>();
        records.put("A1", json("A1", 1, "6学时", "2025-03-01T10:00:00+08:00"));
        records.put("A2", json("A2", 2, "10学时", "2025-03-01T02:05:00Z"));
        records.put("A3", json("A3", 3, "4学时", "2025-03-01T10:10:00+08:00"));
        PAGES.put("/i28iso", query -> jsonPage(updatedSince(records, query.get("updatedSince")), query, 50));

        // when it is synced: a first pass
        JsonNode first = syncToTheEnd("i28iso");

        // then everything is new, and the update time in UTC is stored as China Standard Time
        assertCounts(first, 3, 3, 0, 0, 0);
        assertThat(sourceUpdatedAt("i28iso", "A2")).isEqualTo(LocalDateTime.of(2025, 3, 1, 10, 5));
        assertThat(cursor("i28iso")).isEqualTo("2025-03-01T10:10");
        assertThat(ASKED.get("/i28iso").get(0)).doesNotContainKey("updatedSince");

        // when A2 changes and the platform is synced again
        records.put("A2", json("A2", 2, "12学时", "2025-03-01T03:20:00Z"));
        JsonNode second = syncToTheEnd("i28iso");

        // then the cursor went out in the platform's own pattern and zone, and A2 is a revision, A3 (at the mark) a replay
        assertThat(ASKED.get("/i28iso").get(1)).containsEntry("updatedSince", "2025-03-01T10:10:00+08:00");
        assertCounts(second, 2, 0, 1, 1, 0);
        assertThat(cursor("i28iso")).isEqualTo("2025-03-01T11:20");

        // when nothing changed and it is synced a third time
        JsonNode third = syncToTheEnd("i28iso");

        // then only the record at the mark comes again, a replay
        assertThat(ASKED.get("/i28iso").get(2)).containsEntry("updatedSince", "2025-03-01T11:20:00+08:00");
        assertCounts(third, 1, 0, 1, 0, 0);
        assertThat(third.path("status").asText()).isEqualTo("SUCCEEDED");
        awaitOutboxDrained();
        assertThat(provinceHours("i28iso", "A2")).isEqualByComparingTo("12");
        assertThat(count("SELECT COUNT(*) FROM reconciliation_item")).isZero();
    }

    @Test
    void aCorrectionAfterItsStaleCopyInOnePageIsWhatTheProvinceHolds() {
        // given a page holding a stale copy of B1 and then its correction
        List<String> page = List.of(json("B1", 11, "3学时", "2025-04-01T09:00:00+08:00"),
                json("B1", 11, "4学时", "2025-04-01T09:05:00+08:00"));
        PAGES.put("/i28same", query -> jsonPage(page, query, 50));

        // when it is synced
        JsonNode run = syncToTheEnd("i28same");

        // then the correction is stored and pushed, the stale copy counted as superseded and filed nowhere
        assertCounts(run, 2, 1, 0, 0, 0);
        assertThat(run.path("superseded").asInt()).isEqualTo(1);
        assertThat(storedHours("i28same", "B1")).isEqualByComparingTo("4");
        awaitOutboxDrained();
        assertThat(provinceHours("i28same", "B1")).isEqualByComparingTo("4");
        assertThat(count("SELECT COUNT(*) FROM reconciliation_item")).isZero();
    }

    @Test
    void aCorrectionOnTheNextPageReplacesTheStaleCopyAPageBeforeCommitted() {
        // given pages of two: the stale copy of C1 on page 1, its correction on page 2
        List<String> pass1 = List.of(json("C1", 21, "3学时", "2025-04-01T09:00:00+08:00"),
                json("C2", 22, "5学时", "2025-04-01T09:01:00+08:00"),
                json("C1", 21, "4学时", "2025-04-01T09:05:00+08:00"));
        PAGES.put("/i28split", query -> jsonPage(pass1, query, 2));

        // when it is synced
        JsonNode run = syncToTheEnd("i28split");

        // then the province ends with the corrected hours, and the run counts one superseded copy
        assertThat(run.path("pages").asInt()).isEqualTo(2);
        assertCounts(run, 3, 2, 0, 0, 0);
        assertThat(run.path("superseded").asInt()).isEqualTo(1);
        assertThat(storedHours("i28split", "C1")).isEqualByComparingTo("4");
        awaitOutboxDrained();
        assertThat(provinceHours("i28split", "C1")).isEqualByComparingTo("4");
        assertThat(count("SELECT COUNT(*) FROM reconciliation_item")).isZero();

        // when the next pass brings the correction first and the stale copy on a later page
        List<String> pass2 = List.of(pass1.get(2), pass1.get(1), pass1.get(0));
        PAGES.put("/i28split", query -> jsonPage(pass2, query, 2));
        JsonNode again = syncToTheEnd("i28split");

        // then the stale copy does not overwrite it
        assertCounts(again, 3, 0, 2, 0, 0);
        assertThat(again.path("superseded").asInt()).isEqualTo(1);
        assertThat(storedHours("i28split", "C1")).isEqualByComparingTo("4");
        awaitOutboxDrained();
        assertThat(provinceHours("i28split", "C1")).isEqualByComparingTo("4");
        assertThat(count("SELECT COUNT(*) FROM reconciliation_item")).isZero();
    }

    @Test
    void anXmlPlatformsCourseNamesBesideAttributesAreStoredAloneAndItsEpochSecondsRead() {
        // given records whose course element carries its code and type as attributes, its name as text
        String page = """
                <response><status>ok</status><records>
                  <record id="X1" updated="1740794400"><person idNo="%s">王秀英</person>
                    <course code="C-X1" type="1">公需·数字经济</course><hours>6</hours><date>2025/3/1</date></record>
                  <record id="X2" updated="1740794460"><person idNo="%s">刘建国</person>
                    <course code="C-X2" type="2">专业·护理质量</course><hours>8</hours><date>2025/12/31</date></record>
                </records></response>""".formatted(idNumber(31), idNumber(32));
        PAGES.put("/i28xml", query -> page);

        // when it is synced twice
        JsonNode first = syncToTheEnd("i28xml");
        JsonNode second = syncToTheEnd("i28xml");

        // then the names are stored alone, with the attributes where they belong
        assertCounts(first, 2, 2, 0, 0, 0);
        Map<String, Object> x1 = jdbc.queryForMap("SELECT course_name, course_id, subject, person_name, completion_date"
                + " FROM credit_record WHERE source_id = 'i28xml' AND source_record_id = 'X1'");
        assertThat(x1.get("course_name")).isEqualTo("公需·数字经济");
        assertThat(x1.get("course_id")).isEqualTo("C-X1");
        assertThat(x1.get("subject")).isEqualTo("PUBLIC");
        assertThat(x1.get("person_name")).isEqualTo("王秀英");
        assertThat(jdbc.queryForObject("SELECT course_name FROM credit_record WHERE source_record_id = 'X2'", String.class))
                .isEqualTo("专业·护理质量");
        assertThat(jdbc.queryForObject("SELECT completion_date FROM credit_record WHERE source_record_id = 'X2'", LocalDate.class))
                .isEqualTo(LocalDate.of(2025, 12, 31));
        // and epoch seconds are read as China Standard Time, and written back as epoch seconds
        assertThat(sourceUpdatedAt("i28xml", "X1")).isEqualTo(LocalDateTime.of(2025, 3, 1, 10, 0));
        assertThat(cursor("i28xml")).isEqualTo("2025-03-01T10:01");
        assertThat(ASKED.get("/i28xml").get(1)).containsEntry("updatedFrom", "1740794460");
        assertCounts(second, 2, 0, 2, 0, 0);
    }

    @Test
    void aPlatformWithoutACursorIsReadWholeEachPassItsUnchangedRecordsReplays() {
        // given a CSV export with a BOM, headers with spaces, a quoted cell with a comma and one over two lines
        String file = "\uFEFFRecord No,ID Number,Full Name,Course Name,Course Type,Credit Hours,Passed On,Remarks\r\n"
                + "E1," + idNumber(41) + ",王秀英,数字经济（上）,P,6,2025-05-01,\"补录\r\n第二行\"\r\n"
                + "E2," + idNumber(42) + ",刘建国,\"护理质量, 基础\",S,2.5,2025-05-02,\r\n";
        PAGES.put("/i28csv", query -> file);

        // when it is synced twice
        JsonNode first = syncToTheEnd("i28csv");
        JsonNode second = syncToTheEnd("i28csv");

        // then the first pass stores both, the second replays both, and no request carried a cursor
        assertCounts(first, 2, 2, 0, 0, 0);
        assertCounts(second, 2, 0, 2, 0, 0);
        assertThat(second.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(ASKED.get("/i28csv")).hasSize(2).allSatisfy(q -> assertThat(q.keySet()).containsExactlyInAnyOrder("page", "rows"));
        assertThat(jdbc.queryForObject("SELECT course_name FROM credit_record WHERE source_record_id = 'E1'", String.class))
                .isEqualTo("数字经济（上）");
        assertThat(jdbc.queryForObject("SELECT course_name FROM credit_record WHERE source_record_id = 'E2'", String.class))
                .isEqualTo("护理质量, 基础");
    }

    private void assertCounts(JsonNode run, int fetched, int newRecords, int replays, int revisions, int quarantined) {
        assertThat(run.path("status").asText()).as("run %s", run).isEqualTo("SUCCEEDED");
        assertThat(jdbc.queryForList("SELECT CONCAT(reason_code, ': ', message) FROM reconciliation_item WHERE run_id = ?",
                String.class, run.path("id").asLong())).as("filed by run %s", run.path("id")).isEmpty();
        assertThat(run.path("fetched").asInt()).as("fetched").isEqualTo(fetched);
        assertThat(run.path("newRecords").asInt()).as("new").isEqualTo(newRecords);
        assertThat(run.path("replays").asInt()).as("replays").isEqualTo(replays);
        assertThat(run.path("revisions").asInt()).as("revisions").isEqualTo(revisions);
        assertThat(run.path("quarantined").asInt()).as("quarantined").isEqualTo(quarantined);
        assertThat(run.path("crossSourceDuplicates").asInt()).as("cross-source duplicates").isZero();
        assertBalanced(run);
    }

    private LocalDateTime sourceUpdatedAt(String source, String recordId) {
        return jdbc.queryForObject("SELECT source_updated_at FROM credit_record_source WHERE source_id = ? AND source_record_id = ?",
                LocalDateTime.class, source, recordId);
    }

    private String cursor(String source) {
        return jdbc.queryForObject("SELECT since_value FROM source_cursor WHERE source_id = ?", String.class, source);
    }

    private BigDecimal storedHours(String source, String recordId) {
        return jdbc.queryForObject("SELECT hours FROM credit_record WHERE source_id = ? AND source_record_id = ?",
                BigDecimal.class, source, recordId);
    }

    /** The hours the province holds for the record's completion, at the revision stored here. */
    private BigDecimal provinceHours(String source, String recordId) {
        Map<String, Object> row = jdbc.queryForMap("SELECT province_key, revision FROM credit_record"
                + " WHERE source_id = ? AND source_record_id = ?", source, recordId);
        ResponseEntity<JsonNode> held = http.getForEntity("/sim/province/held/" + ids.decrypt((String) row.get("province_key")),
                JsonNode.class);
        assertThat(held.getStatusCode().is2xxSuccessful()).as("the province holds %s of %s", recordId, source).isTrue();
        assertThat(held.getBody().path("revision").asInt()).isEqualTo(((Number) row.get("revision")).intValue());
        return held.getBody().path("hours").decimalValue();
    }

    /** A record of the JSON platforms; {@code n} makes its person and certificate its own. */
    private static String json(String id, int n, String hours, String updatedAt) {
        return """
                {"id":"%s","person":{"idNo":"%s","name":"王秀英","work unit":"济南市中心医院"},
                 "course":{"title":"数字经济与创新驱动%d","type":"公需"},"hours":"%s","passedAt":1740787200000,
                 "certs":["ZS-%s"],"status":"active","meta":{"updatedAt":"%s"}}""".formatted(id, idNumber(n), n, hours, id, updatedAt);
    }

    private static List<String> updatedSince(Map<String, String> records, String since) {
        OffsetDateTime from = since == null ? null : OffsetDateTime.parse(since);
        return records.values().stream().filter(r -> from == null || !updatedAt(r).isBefore(from)).toList();
    }

    private static OffsetDateTime updatedAt(String record) {
        int at = record.indexOf("\"updatedAt\":\"") + 13;
        return OffsetDateTime.parse(record.substring(at, record.indexOf('"', at)));
    }

    /** The page a PAGE_NUMBER query asks for, of {@code size} records. */
    private static String jsonPage(List<String> records, Map<String, String> query, int size) {
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        List<String> items = records.subList(Math.min(records.size(), (page - 1) * size), Math.min(records.size(), page * size));
        return "{\"result\":{\"ok\":true,\"items\":[" + String.join(",", items) + "]}}";
    }

    private static String idNumber(int n) {
        String first17 = "370102" + LocalDate.of(1975, 1, 1).plusDays(n * 11L).toString().replace("-", "")
                + String.format("%03d", n);
        return first17 + IdNumber.checkCharacter(first17);
    }

    /** A home for the service: the shipped routes, and the test platforms' mappings alone. */
    private static Path home() {
        try {
            Path home = Files.createTempDirectory("chsync-i28-");
            Folders.copy(Path.of("routes"), home.resolve("routes"));
            Folders.copy(Path.of("src/test/resources/i28/mappings"), home.resolve("mappings"));
            // start-up checks each file against the schemas beside it
            for (String schema : new String[] {"mapping.schema.json", "vendor.schema.json"}) {
                Files.copy(Path.of("mappings", schema), home.resolve("mappings").resolve(schema));
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    private static HttpServer platforms() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                String platform = path.substring(0, path.indexOf('/', 1));
                Map<String, String> query = PlatformQueries.of(exchange);
                ASKED.computeIfAbsent(platform, p -> new CopyOnWriteArrayList<>()).add(query);
                Function<Map<String, String>, String> pages = PAGES.get(platform);
                byte[] body = pages == null ? new byte[0] : pages.apply(query).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(pages == null ? 404 : 200, body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
