package cn.shandong.chsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The onboarding workbench on the embedded default (H2): a mapping tried on a sample page and
 * against the built-in simulators, stored nowhere; mappings/ taken up without a restart. The service runs from a copy of routes/ and
 * mappings/, so that a test may change its mappings/ without touching the repository's.
 */
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:chsync-workbench;MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
        "sync.simulators.people=150",
        // mappings/ looked at twice a second, so a test sees a file taken up by itself quickly
        "sync.mappings.reload-period-ms=500",
})
class WorkbenchOnH2IT extends EndToEnd {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path HOME = copyOfHome();

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("sync.home", HOME::toString);
    }

    @AfterAll
    static void removeHome() throws IOException {
        try (Stream<Path> all = Files.walk(HOME)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aSamplePageShowsEachRecordMappedOrItsViolationsAndStoresNothing() throws Exception {
        // given sdbz's mapping file and the page in its fixtures, as the platform sends it
        String mapping = Files.readString(Path.of("mappings/sdbz.mapping.yaml"));
        String page = Files.readString(Path.of("src/test/resources/fixtures/sdbz/page.json"));
        JsonNode expected = JSON.readTree(Path.of("src/test/resources/fixtures/sdbz/expected.json").toFile());
        int auditBefore = count("SELECT COUNT(*) FROM audit_event WHERE action = 'MAPPING_PREVIEW'");

        // when an operator previews it
        ResponseEntity<JsonNode> answer = asOperator().postForEntity("/api/mappings/preview",
                Map.of("mapping", mapping, "page", page), JsonNode.class);

        // then each item comes back as the fixture's expected output says: the record, or its reason codes
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode records = answer.getBody().path("records");
        assertThat(records.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode want = expected.get(i);
            JsonNode got = records.get(i);
            assertThat(got.path("sourceRecordId").isNull() ? null : got.path("sourceRecordId").asText())
                    .isEqualTo(want.path("sourceRecordId").isNull() ? null : want.path("sourceRecordId").asText());
            assertThat(got.path("valid").asBoolean()).as("item " + i).isEqualTo(want.hasNonNull("record"));
            if (want.hasNonNull("record")) {
                assertThat(got.path("record").path("courseName").asText()).isEqualTo(want.path("record").path("courseName").asText());
                assertThat(got.path("record").path("hours").decimalValue())
                        .isEqualByComparingTo(want.path("record").path("hours").decimalValue());
                // an ID number is shown masked: first 6 and last 4
                String id = want.path("record").path("idNumber").asText();
                assertThat(got.path("record").path("idNumber").asText())
                        .isEqualTo(id.substring(0, 6) + "********" + id.substring(14));
            } else {
                List<String> codes = new ArrayList<>();
                got.path("violations").forEach(v -> codes.add(v.path("code").asText()));
                List<String> wanted = new ArrayList<>();
                want.path("violations").forEach(v -> wanted.add(v.isTextual() ? v.asText() : v.path("code").asText()));
                assertThat(codes).as("item " + i).isEqualTo(wanted);
            }
        }
        // and the page is short: the pass ends with it, and the cursor stored is its newest update time
        assertThat(answer.getBody().path("pages").size()).isEqualTo(1);
        assertThat(answer.getBody().path("pages").get(0).path("records").asInt()).isEqualTo(expected.size());
        assertThat(answer.getBody().path("nextPage").isNull()).isTrue();
        JsonNode cursor = answer.getBody().path("cursor");
        assertThat(cursor.path("field").asText()).isEqualTo("gxsj");
        assertThat(cursor.path("checkpoint").asText()).isEqualTo("since " + cursor.path("highWater").asText());
        assertThat(cursor.path("nextPassQuery").path("updateTimeStart").asText())
                .isEqualTo(java.time.LocalDateTime.parse(cursor.path("highWater").asText()).minusMinutes(10)
                        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));

        // and nothing was stored or queued, and the call was audited
        assertNothingStored();
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'MAPPING_PREVIEW' AND actor = 'operator'"))
                .isEqualTo(auditBefore + 1);
    }

    @Test
    void aConnectionTestSignsInAndFetchesTheFirstTwoPagesFromThePlatform() throws Exception {
        // given yttyjrp's mapping (a login, then pages by a token each page hands out), 20 records a page
        String mapping = Files.readString(Path.of("mappings/yttyjrp.mapping.yaml")).replace("  auth:\n", """
                  paging: {type: NEXT_TOKEN, tokenParam: cursor, tokenPath: data.nextCursor, sizeParam: size, size: 20}
                  auth:
                """);
        assertThat(get("/sim/expected").path("sources").path("yttyjrp").path("validCompletions").asInt()).isGreaterThan(40);

        // when an operator runs a connection test
        ResponseEntity<JsonNode> answer = asOperator().postForEntity("/api/mappings/preview",
                Map.of("mapping", mapping, "fetch", true), JsonNode.class);

        // then two pages of 20 came back, the second asked for with the first's token
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode pages = answer.getBody().path("pages");
        assertThat(pages.size()).as(pages.toString()).isEqualTo(2);
        for (JsonNode page : pages) {
            assertThat(page.path("status").asInt()).isEqualTo(200);
            assertThat(page.path("records").asInt()).isEqualTo(20);
            assertThat(page.path("error").isNull()).isTrue();
            assertThat(page.path("request").path("url").asText()).endsWith("/platforms/yttyjrp/openapi/v1/study/records");
            // the token's header is named, its value is not shown
            assertThat(page.path("request").path("headers").toString()).isEqualTo("[\"Authorization\"]");
        }
        assertThat(pages.get(0).path("request").path("query").toString()).isEqualTo("{\"size\":\"20\"}");
        String second = pages.get(1).path("request").path("query").path("cursor").asText();
        assertThat(second).isNotBlank();
        assertThat(answer.getBody().path("records").size()).isEqualTo(40);
        // and the request the third page would be carries the second page's token
        JsonNode next = answer.getBody().path("nextPage");
        assertThat(next.path("query").path("size").asText()).isEqualTo("20");
        assertThat(next.path("query").path("cursor").asText()).isNotBlank().isNotEqualTo(second);
        // and the pass is under way: the cursor is held until it ends
        assertThat(answer.getBody().path("cursor").path("checkpoint").asText()).startsWith("pass since null, page ");

        assertNothingStored();
    }

    @Test
    void aConnectionTestOfPagesByNumberAsksForPageTwoAndShowsPageThree() throws Exception {
        String mapping = Files.readString(Path.of("mappings/sdbz.mapping.yaml")).replace("  headers:\n", """
                  paging: {type: PAGE_NUMBER, pageParam: pageNo, sizeParam: pageSize, size: 25, first: 1}
                  headers:
                """);

        JsonNode answer = asOperator().postForEntity("/api/mappings/preview", Map.of("mapping", mapping, "fetch", true),
                JsonNode.class).getBody();

        assertThat(answer.path("pages").get(0).path("request").path("query").toString())
                .isEqualTo("{\"pageNo\":\"1\",\"pageSize\":\"25\"}");
        assertThat(answer.path("pages").get(1).path("request").path("query").toString())
                .isEqualTo("{\"pageNo\":\"2\",\"pageSize\":\"25\"}");
        assertThat(answer.path("nextPage").path("query").toString()).isEqualTo("{\"pageNo\":\"3\",\"pageSize\":\"25\"}");
        assertThat(answer.path("records").size()).isEqualTo(50);
        assertThat(answer.path("pages").get(0).path("total").asInt()).isEqualTo(visible("sdbz"));
    }

    @Test
    void aMappingThatDoesNotLoadIsRefusedWithItsFileKeyAndReason() throws Exception {
        String sdbz = Files.readString(Path.of("mappings/sdbz.mapping.yaml"));

        // a value the schema refuses
        JsonNode refused = refusal(sdbz + "fields:\n  kind: {constant: LECTURE}\n");
        assertThat(refused.path("file").asText()).isEqualTo("sdbz.mapping.yaml");
        assertThat(refused.path("problems").size()).isEqualTo(1);
        assertThat(refused.path("problems").get(0).path("key").asText()).isEqualTo("fields.kind.constant");
        assertThat(refused.path("problems").get(0).path("reason").asText()).contains("TRAINING");

        // a date pattern that cannot be one, found by the loader after the vendor's keys are laid under the file's
        refused = refusal(sdbz + "  cursor: {format: \"yyyy-MM-dd bb\"}\n");
        assertThat(refused.path("file").asText()).isEqualTo("sdbz.mapping.yaml");
        assertThat(refused.path("problems").get(0).path("key").asText()).isEqualTo("request.cursor.format");

        // an address off the allow-list
        refused = refusal(sdbz.replaceAll("baseUrl: .*", "baseUrl: http://intranet.example/api"));
        assertThat(refused.path("problems").get(0).path("key").asText()).isEqualTo("request.baseUrl");
        assertThat(refused.path("problems").get(0).path("reason").asText()).contains("intranet.example");

        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'MAPPING_PREVIEW_REFUSED'")).isGreaterThanOrEqualTo(3);
        assertNothingStored();
    }

    @Test
    void aBureauMayNotUseTheWorkbench() throws Exception {
        String mapping = Files.readString(Path.of("mappings/sdbz.mapping.yaml"));

        ResponseEntity<String> answer = http.withBasicAuth("bureau", "bureau").postForEntity("/api/mappings/preview",
                Map.of("mapping", mapping, "page", "{}"), String.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void aGoodNewFileIsTakenUpWithoutARestartAndSyncsAndIsPausedWhenRemoved() throws Exception {
        // given a new platform's file dropped into mappings/ (a second reader of Binzhou's platform)
        Path file = HOME.resolve("mappings/sdbzcopy.mapping.yaml");
        Files.writeString(file, Files.readString(Path.of("mappings/sdbz.mapping.yaml"))
                .replace("id: sdbz\n", "id: sdbzcopy\n").replace("name: 滨州市", "name: 副本 滨州市"), StandardCharsets.UTF_8);
        try {
            // then the service takes it up by itself, and audits that it did
            await(() -> source("sdbzcopy") != null, "the new file to be taken up");
            assertThat(source("sdbzcopy").path("paused").asBoolean()).isFalse();
            assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'MAPPING_RELOAD' AND actor = 'system'"
                    + " AND detail LIKE '%added sdbzcopy%'")).isEqualTo(1);

            // and it syncs: every record the platform shows is read
            JsonNode run = syncToTheEnd("sdbzcopy");
            assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(run.path("fetched").asInt()).isEqualTo(visible("sdbz"));
            assertThat(run.path("newRecords").asInt()).isPositive();
        } finally {
            Files.delete(file);
        }

        // when its file is removed and an operator reloads
        int operatorReloads = count("SELECT COUNT(*) FROM audit_event WHERE action = 'MAPPING_RELOAD' AND actor = 'operator'");
        ResponseEntity<JsonNode> reloaded = asOperator().postForEntity("/api/mappings/reload", null, JsonNode.class);

        // then the source is paused, not deleted: its runs and records stay
        assertThat(reloaded.getStatusCode()).isEqualTo(HttpStatus.OK);
        await(() -> source("sdbzcopy").path("paused").asBoolean(), "the source to be paused");
        assertThat(count("SELECT COUNT(*) FROM sync_run WHERE source_id = 'sdbzcopy'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM credit_record_source WHERE source_id = 'sdbzcopy'")).isPositive();
        assertThat(http.postForEntity("/api/sources/sdbzcopy/sync", null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'MAPPING_RELOAD' AND actor = 'operator'"))
                .isEqualTo(operatorReloads + 1);
    }

    @Test
    void aBadFileIsRefusedWithItsKeyAndTheRunningDefinitionKeepsSyncing() throws Exception {
        // given sdld running, and its file then broken in mappings/ (a city code of five digits)
        Path file = HOME.resolve("mappings/sdld.mapping.yaml");
        String good = Files.readString(file);
        Files.writeString(file, good.replace("cityCode: \"370600\"", "cityCode: \"37060\""), StandardCharsets.UTF_8);
        try {
            // when an operator reloads
            ResponseEntity<JsonNode> reloaded = asOperator().postForEntity("/api/mappings/reload", null, JsonNode.class);

            // then the file is refused with its key and why
            assertThat(reloaded.getStatusCode()).isEqualTo(HttpStatus.OK);
            JsonNode refused = reloaded.getBody().path("refused");
            assertThat(refused.size()).isEqualTo(1);
            assertThat(refused.get(0).path("file").asText()).isEqualTo("sdld.mapping.yaml");
            assertThat(refused.get(0).path("problems").size()).isEqualTo(1);
            assertThat(refused.get(0).path("problems").get(0).path("key").asText()).isEqualTo("cityCode");
            assertThat(reloaded.getBody().path("changed").size()).isZero();
            assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'MAPPING_RELOAD' AND detail LIKE "
                    + "'%refused sdld.mapping.yaml: cityCode:%'")).isPositive();

            // and the definition running before keeps running: same city, and a sync reads every record
            assertThat(source("sdld").path("cityCode").asText()).isEqualTo("370600");
            JsonNode run = syncToTheEnd("sdld");
            assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(run.path("fetched").asInt()).isEqualTo(visible("sdld"));
        } finally {
            Files.writeString(file, good, StandardCharsets.UTF_8);
        }
        // and once mended, nothing is refused any more
        assertThat(asOperator().postForEntity("/api/mappings/reload", null, JsonNode.class).getBody().path("refused").size())
                .isZero();
    }

    @Test
    void aFileChangedWhileItsSourceSyncsIsTakenUpWhenTheRunEnds() throws Exception {
        // given sdwh syncing from a slow platform
        Path file = HOME.resolve("mappings/sdwh.mapping.yaml");
        String before = Files.readString(file);
        http.postForEntity("/sim/control/faults", Map.of("target", "sdwh", "delayMs", SLOW_PAGE_MS, "times", 0), String.class);
        long runId = http.postForEntity("/api/sources/sdwh/sync", null, JsonNode.class).getBody().path("runId").asLong();
        try {
            // when its file is renamed meanwhile and an operator reloads
            Files.writeString(file, before.replace("name: 威海市", "name: 新名 威海市"), StandardCharsets.UTF_8);
            JsonNode during = asOperator().postForEntity("/api/mappings/reload", null, JsonNode.class).getBody();

            // then the change waits for the run, which ends with the definition it began with
            assertThat(during.path("deferred").toString()).isEqualTo("[\"sdwh\"]");
            assertThat(during.path("changed").size()).isZero();
            http.delete("/sim/control/faults");
            await(() -> !get("/api/runs/" + runId).path("finishedAt").isNull(), "the run to finish");
            assertThat(get("/api/runs/" + runId).path("status").asText()).isEqualTo("SUCCEEDED");

            // and once it has ended, the next look takes the change up
            await(() -> source("sdwh").path("name").asText().startsWith("新名"), "the change to be taken up");
        } finally {
            http.delete("/sim/control/faults");
            Files.writeString(file, before, StandardCharsets.UTF_8);
            asOperator().postForEntity("/api/mappings/reload", null, JsonNode.class);
        }
    }

    /** The source as GET /api/sources lists it, or null. */
    JsonNode source(String id) {
        for (JsonNode s : get("/api/sources")) {
            if (s.path("id").asText().equals(id)) {
                return s;
            }
        }
        return null;
    }

    @Test
    void theWorkbenchCallsAreInTheApiDescription() {
        JsonNode paths = get("/v3/api-docs").path("paths");

        assertThat(paths.path("/api/mappings/preview").has("post")).isTrue();
        assertThat(paths.path("/api/mappings/reload").has("post")).isTrue();
    }

    JsonNode refusal(String mapping) {
        ResponseEntity<JsonNode> answer = asOperator().postForEntity("/api/mappings/preview",
                Map.of("mapping", mapping, "page", "{}"), JsonNode.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        return answer.getBody();
    }

    org.springframework.boot.test.web.client.TestRestTemplate asOperator() {
        return http.withBasicAuth("operator", "operator");
    }

    int visible(String source) {
        JsonNode expected = get("/sim/expected").path("sources").path(source);
        return expected.path("validCompletions").asInt() + expected.path("provinceRejected").asInt()
                + expected.path("crossSourceDuplicates").asInt() + expected.path("badRecords").asInt();
    }

    void assertNothingStored() {
        for (String table : List.of("credit_record", "credit_record_source", "push_outbox", "reconciliation_item", "sync_run",
                "source_cursor")) {
            assertThat(count("SELECT COUNT(*) FROM " + table)).as(table).isZero();
        }
        assertThat(get("/sim/province/stats").path("accepted").asInt()).isZero();
    }

    static Path copyOfHome() {
        try {
            Path home = Files.createTempDirectory("chsync-workbench-");
            for (String folder : List.of("routes", "mappings")) {
                Path from = Path.of(folder);
                try (Stream<Path> all = Files.walk(from)) {
                    for (Path p : all.toList()) {
                        Path to = home.resolve(from.relativize(p).toString().isEmpty() ? folder : folder + "/" + from.relativize(p));
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(p, to);
                        }
                    }
                }
            }
            return home;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
