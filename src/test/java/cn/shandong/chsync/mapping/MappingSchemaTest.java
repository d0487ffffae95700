package cn.shandong.chsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.mapping.MappingSchema.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * mappings/mapping.schema.json and vendor.schema.json against every file in mappings/: what an
 * editor checks while a file is written holds for every file the service ships, and the schema
 * refuses what the loader would.
 */
class MappingSchemaTest {

    static final Path MAPPINGS = Path.of("mappings");
    static final MappingSchema SCHEMA = MappingSchema.in(MAPPINGS);

    static Stream<Path> mappingFiles() throws IOException {
        return Files.list(MAPPINGS).filter(p -> p.toString().endsWith(".mapping.yaml")).sorted();
    }

    static Stream<Path> vendorFiles() throws IOException {
        return Files.list(MAPPINGS.resolve("vendors")).filter(p -> p.toString().endsWith(".vendor.yaml")).sorted();
    }

    @Test
    void theRepositoryHasMappingsAndVendorsToCheck() throws IOException {
        assertThat(mappingFiles().count()).isEqualTo(13);
        assertThat(vendorFiles().count()).isEqualTo(5);
    }

    @ParameterizedTest
    @MethodSource("mappingFiles")
    void everyMappingFileNamesTheSchemaOnItsFirstLineAndPassesIt(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text.lines().findFirst()).hasValue("# yaml-language-server: $schema=./mapping.schema.json");
        assertThat(SCHEMA.checkMapping(text)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("vendorFiles")
    void everyVendorFileNamesItsSchemaOnItsFirstLineAndPassesIt(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text.lines().findFirst()).hasValue("# yaml-language-server: $schema=../vendor.schema.json");
        assertThat(SCHEMA.checkVendor(text)).isEmpty();
    }

    @Test
    void aStandaloneFileWithEveryPagingKindPasses() {
        for (String paging : List.of(
                "{type: PAGE_NUMBER, pageParam: p, sizeParam: s, size: 10}",
                "{type: OFFSET_LIMIT, offsetParam: o, limitParam: l, size: 10}",
                "{type: NEXT_TOKEN, tokenParam: t, tokenPath: data.next, size: 10}")) {
            assertThat(SCHEMA.checkMapping(standalone(paging, "  cursor: {param: since, field: t, format: epochSeconds}\n")))
                    .as(paging).isEmpty();
        }
        // a daily file needs no cursor parameter: its day is the cursor
        assertThat(SCHEMA.checkMapping(standalone("{type: DAILY_FILE, dateParam: d, dateFormat: yyyyMMdd, firstDate: 2024-01-01}",
                "  cursor: {field: t, format: \"yyyy/M/d H:mm\"}\n"))).isEmpty();
    }

    @Test
    void aFolderWithoutTheSchemasIsCheckedByTheOnesBuiltIn(@TempDir Path folder) throws IOException {
        // a deployment's mounted folder of mapping files alone, as bench/run's home holds them
        MappingSchema builtIn = MappingSchema.in(folder);
        String sdbz = Files.readString(MAPPINGS.resolve("sdbz.mapping.yaml"));
        String vendor = Files.readString(MAPPINGS.resolve("vendors/yxlearning.vendor.yaml"));

        assertThat(builtIn.checkMapping(sdbz)).isEmpty();
        assertThat(builtIn.checkVendor(vendor)).isEmpty();
        assertThat(builtIn.checkMapping(sdbz + "  paging:\n    pagesize: 500\n")).extracting(Problem::key)
                .containsExactly("request.paging.pagesize");
        assertThat(builtIn.checkMapping(standalone("{type: OFFSET_LIMIT, pageParam: p, limitParam: l, size: 10}", "")))
                .isEqualTo(SCHEMA.checkMapping(standalone("{type: OFFSET_LIMIT, pageParam: p, limitParam: l, size: 10}", "")));
    }

    @Test
    void aPlatformWithoutAnUpdatedSinceFilterDeclaresNoCursor() {
        assertThat(SCHEMA.checkMapping(standalone("{type: PAGE_NUMBER, pageParam: p, sizeParam: s, size: 10}", ""))).isEmpty();
    }

    @Test
    void anUnknownKeyIsRefusedWithItsPlace() {
        String text = standalone("{type: PAGE_NUMBER, pageParam: p, sizeParam: s, size: 10}", "").replace("  path: /records\n",
                "  path: /records\n  pagesize: 100\n");

        List<Problem> problems = SCHEMA.checkMapping(text);

        assertThat(problems).extracting(Problem::key).containsExactly("request.pagesize");
        assertThat(problems.get(0).reason()).contains("pagesize").contains("not defined in the schema");
    }

    @Test
    void aPagingVariantWithAnotherKindsKeyIsRefused() {
        // an OFFSET_LIMIT paging written with PAGE_NUMBER's pageParam: no alternative takes it
        List<Problem> problems = SCHEMA.checkMapping(
                standalone("{type: OFFSET_LIMIT, pageParam: p, limitParam: l, size: 10}", ""));

        // then only the stated kind's reasons are given, not why it is not one of the other kinds
        assertThat(problems).containsExactly(
                new Problem("request.paging.offsetParam", "required property 'offsetParam' not found"),
                new Problem("request.paging.pageParam",
                        "property 'pageParam' is not defined in the schema and the schema does not allow additional properties"));
    }

    @Test
    void aPlatformOnAVendorMayChangeOneKeyOfItsPagingButNotAddAnUnknownOne() throws IOException {
        String sdbz = Files.readString(MAPPINGS.resolve("sdbz.mapping.yaml"));

        assertThat(SCHEMA.checkMapping(sdbz + "  paging:\n    size: 500\n")).isEmpty();
        assertThat(SCHEMA.checkMapping(sdbz + "  paging:\n    pagesize: 500\n")).extracting(Problem::key)
                .containsExactly("request.paging.pagesize");
    }

    @Test
    void aFileWithoutAVendorNamesItsPagingKind() {
        assertThat(SCHEMA.checkMapping(standalone("{pageParam: p, sizeParam: s, size: 10}", ""))).extracting(Problem::key)
                .containsExactly("request.paging.type");
    }

    @Test
    void aPagingKindThatDoesNotExistIsRefused() {
        List<Problem> problems = SCHEMA.checkMapping(standalone("{type: SCROLL, pageParam: p, sizeParam: s, size: 10}", ""));

        assertThat(problems).extracting(Problem::key).contains("request.paging.type");
    }

    @Test
    void aFileWithoutAVendorMustStateItsFieldsAndItsCursorWhole() {
        String text = standalone("{type: PAGE_NUMBER, pageParam: p, sizeParam: s, size: 10}", "  cursor: {param: since}\n")
                .replace("  name: {path: xm}\n", "");

        assertThat(SCHEMA.checkMapping(text)).extracting(Problem::key)
                .containsExactlyInAnyOrder("request.cursor.field", "request.cursor.format", "fields.name");
    }

    @Test
    void aCodeTableMustMapToCanonicalValues() {
        String text = standalone("{type: PAGE_NUMBER, pageParam: p, sizeParam: s, size: 10}", "")
                .replace("{\"1\": PUBLIC, \"2\": PROFESSIONAL}", "{\"1\": PUBLIC, \"2\": 专业}");

        assertThat(SCHEMA.checkMapping(text)).extracting(Problem::key).containsExactly("fields.subject.codes.2");
    }

    @Test
    void aVendorFileHasNoBaseUrl() {
        String text = """
                request:
                  baseUrl: https://x.example
                  path: /r
                  paging: {type: OFFSET_LIMIT, offsetParam: o, limitParam: l, size: 10}
                response: {format: CSV}
                fields: {kind: {constant: TRAINING}}
                """;

        assertThat(SCHEMA.checkVendor(text)).extracting(Problem::key).containsExactly("request");
    }

    @Test
    void textThatIsNotYamlIsRefusedWithItsLine() {
        assertThat(SCHEMA.checkMapping("id: x\nname: [unclosed\n")).singleElement()
                .satisfies(p -> assertThat(p.reason()).startsWith("not YAML").contains("line"));
    }

    @Test
    void theStandaloneExampleInTheDocsPassesTheSchema() throws IOException {
        String docs = Files.readString(Path.of("docs/mappings.md"), StandardCharsets.UTF_8);
        int start = docs.lastIndexOf("```yaml\n# yaml-language-server: $schema=./mapping.schema.json\nid: xyz");
        String example = docs.substring(start + "```yaml\n".length(), docs.indexOf("```", start + 7));

        assertThat(SCHEMA.checkMapping(example)).isEmpty();
    }

    /** A complete JSON platform without a vendor, with the paging and cursor lines given. */
    static String standalone(String paging, String cursor) {
        return """
                id: demo
                name: 演示平台
                cityCode: "370600"
                schedule: "0 0/30 * * * ?"
                request:
                  baseUrl: https://demo.example
                  path: /records
                  paging: %s
                %sresponse:
                  format: JSON
                  items: data.list
                fields:
                  sourceRecordId: {path: id}
                  idNumber: {path: sfzh}
                  name: {path: xm}
                  courseName: {path: "course#text"}
                  subject: {path: kclb, codes: {"1": PUBLIC, "2": PROFESSIONAL}}
                  kind: {constant: TRAINING}
                  amount: {path: xs, unit: HOURS}
                  completionDate: {path: "items[0].date", format: "yyyy-MM-dd'T'HH:mm:ssXXX"}
                """.formatted(paging, cursor);
    }
}
