package cn.shandong.chsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingLoaderTest {

    @TempDir
    Path dir;

    private final MappingLoader loader = new MappingLoader(MappingFixturesTest::defaults);

    @Test
    void loadsTheShippedBinzhouMapping() {
        MappingDefinition mapping = loader.load(Path.of("mappings/sdbz.mapping.yaml"));

        assertThat(mapping.id()).isEqualTo("sdbz");
        assertThat(mapping.cityCode()).isEqualTo("371600");
        assertThat(mapping.fields().get("subject").codes()).containsEntry("1", "PUBLIC").containsEntry("2", "PROFESSIONAL");
    }

    @Test
    void takesWhatTheSourceDoesNotStateFromItsVendor() {
        MappingDefinition mapping = loader.load(Path.of("mappings/sdbz.mapping.yaml"));

        assertThat(mapping.request().path()).isEqualTo("/api/open/study-records");
        // placeholders stay as written: they are resolved per request, from the environment of the moment
        assertThat(mapping.request().baseUrl()).isEqualTo("${SDBZ_BASE_URL:${sync.simulators.base-url}/platforms/sdbz}");
        assertThat(mapping.request().headers()).containsEntry("X-App-Key", "${SDBZ_APP_KEY:demo-sdbz}");
        assertThat(mapping.request().paging().size()).isEqualTo(1000);
    }

    @Test
    void letsASourceOverrideOneKeyOfItsVendorAndKeepTheRest() throws IOException {
        Path file = variant("sdbz", "    X-App-Key: ${SDBZ_APP_KEY:demo-sdbz}",
                "    X-App-Key: ${SDBZ_APP_KEY:demo-sdbz}\n  paging:\n    size: 500");

        MappingDefinition mapping = loader.load(file);

        assertThat(mapping.request().paging().size()).isEqualTo(500);
        assertThat(mapping.request().paging().pageParam()).isEqualTo("pageNo");
    }

    @Test
    void namesTheFileAndFieldOfAnUnknownCanonicalField() throws IOException {
        Path file = variant("sdbz", "    X-App-Key: ${SDBZ_APP_KEY:demo-sdbz}",
                "    X-App-Key: ${SDBZ_APP_KEY:demo-sdbz}\nfields:\n  teacher: { path: js }");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith("sdbz.mapping.yaml (with vendors/yxlearning.vendor.yaml): ")
                .hasMessageContaining("fields.teacher: not a canonical field");
    }

    @Test
    void namesAnUnknownVendor() throws IOException {
        Path file = variant("sdbz", "vendor: yxlearning", "vendor: yxlearnin");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessage("sdbz.mapping.yaml: vendor: 'yxlearnin' has no vendors/yxlearnin.vendor.yaml");
    }

    @Test
    void namesAMissingRequiredMapping() throws IOException {
        Path file = variant("sdbz", "vendor: yxlearning\n", "");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessageContaining("sdbz.mapping.yaml")
                .hasMessageContaining("fields.courseName: required mapping is missing")
                .hasMessageContaining("request.paging.type: PAGE_NUMBER, OFFSET_LIMIT, NEXT_TOKEN or DAILY_FILE is required");
    }

    @Test
    void namesABadCodeTableEntry() throws IOException {
        Path file = variant("sdbz", "    X-App-Key: ${SDBZ_APP_KEY:demo-sdbz}",
                "    X-App-Key: ${SDBZ_APP_KEY:demo-sdbz}\nfields:\n  subject: { path: kclb, codes: { \"1\": PUBLICK } }");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessageContaining("fields.subject.codes: '1' maps to 'PUBLICK', which is not one of [PUBLIC, PROFESSIONAL]");
    }

    @Test
    void refusesABadCronAndAnIdThatIsNotTheFileName() throws IOException {
        Path file = variant("other", "schedule: \"0 0/30 * * * ?\"", "schedule: \"every half hour\"");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessageContaining("other.mapping.yaml")
                .hasMessageContaining("id: must be 'other'")
                .hasMessageContaining("schedule: 'every half hour' is not a Quartz cron expression");
    }

    @Test
    void refusesAKeyTheFormatDoesNotKnow() throws IOException {
        Path file = variant("sdbz", "cityCode: \"371600\"", "cityCode: \"371600\"\ncolour: blue");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessageStartingWith("sdbz.mapping.yaml (with vendors/yxlearning.vendor.yaml): ")
                .hasMessageContaining("Unrecognized field \"colour\"");
    }

    @Test
    void aTimeFormatThatCannotMakeTheRoundTripStopsStartUpNamingTheKey() throws IOException {
        Path file = variant("sdbz", "    X-App-Key: ${SDBZ_APP_KEY:demo-sdbz}",
                "    X-App-Key: ${SDBZ_APP_KEY:demo-sdbz}\n  cursor:\n    format: \"yyyy-MM-dd hh:mm:ss\"");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith("sdbz.mapping.yaml (with vendors/yxlearning.vendor.yaml): request.cursor.format: "
                        + "'yyyy-MM-dd hh:mm:ss' writes 2024-02-29T13:45:30.123 as '2024-02-29 01:45:30' and reads that back as");
    }

    @Test
    void acceptsOffsetsEpochSecondsAndNoCursorAtAll() throws IOException {
        Path file = variant("sdbz", "    X-App-Key: ${SDBZ_APP_KEY:demo-sdbz}",
                "    X-App-Key: ${SDBZ_APP_KEY:demo-sdbz}\n  cursor: null\n"
                        + "fields:\n  completionDate: { path: hgsj, format: epochSeconds }\n"
                        + "  sourceUpdatedAt: { path: gxsj, format: \"yyyy-MM-dd'T'HH:mm:ss[.SSS]XXX\" }");

        MappingDefinition mapping = loader.load(file);

        assertThat(mapping.request().cursor()).isNull();
        assertThat(mapping.fields().get("completionDate").format()).isEqualTo("epochSeconds");
    }

    /** The shipped sdbz mapping with one change, beside a copy of the shipped vendor folder. */
    @Test
    void startUpRefusesAFileTheSchemaRefusesThoughTheLoadersOwnChecksTakeIt() throws IOException {
        // given Binzhou's file stating an OFFSET_LIMIT paging with PAGE_NUMBER's pageParam beside its own keys
        Path file = variant("sdbz", "    X-App-Key: ${SDBZ_APP_KEY:demo-sdbz}", "    X-App-Key: ${SDBZ_APP_KEY:demo-sdbz}\n"
                + "  paging: { type: OFFSET_LIMIT, offsetParam: offset, limitParam: limit, size: 500, pageParam: pageNo }");
        for (String schema : new String[] {MappingSchema.MAPPING_SCHEMA, MappingSchema.VENDOR_SCHEMA}) {
            Files.copy(Path.of("mappings").resolve(schema), dir.resolve(schema));
        }
        assertThat(loader.load(file).request().paging().offsetParam()).isEqualTo("offset");

        // when the folder is loaded as start-up loads it, then the file is refused with the schema's key and reason
        assertThatThrownBy(() -> loader.loadAll(dir))
                .isInstanceOf(MappingException.class)
                .hasMessage("sdbz.mapping.yaml: request.paging.pageParam: property 'pageParam' is not defined in the schema"
                        + " and the schema does not allow additional properties");
    }

    private Path variant(String id, String from, String to) throws IOException {
        String text = Files.readString(Path.of("mappings/sdbz.mapping.yaml"));
        assertThat(text).contains(from);
        Path file = dir.resolve(id + MappingLoader.SUFFIX);
        Files.writeString(file, text.replace(from, to));
        Files.createDirectories(dir.resolve("vendors"));
        Files.copy(Path.of("mappings/vendors/yxlearning.vendor.yaml"), dir.resolve("vendors/yxlearning.vendor.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return file;
    }
}
