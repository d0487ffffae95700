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
    void namesTheFileAndFieldOfAnUnknownCanonicalField() throws IOException {
        Path file = variant("sdbz", "  certificateNo: { path: zsbh }", "  certificateNo: { path: zsbh }\n  teacher: { path: js }");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith("sdbz.mapping.yaml: ")
                .hasMessageContaining("fields.teacher: not a canonical field");
    }

    @Test
    void namesAMissingRequiredMapping() throws IOException {
        Path file = variant("sdbz", "  courseName: { path: kcmc }\n", "");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessageContaining("sdbz.mapping.yaml")
                .hasMessageContaining("fields.courseName: required mapping is missing");
    }

    @Test
    void namesABadCodeTableEntry() throws IOException {
        Path file = variant("sdbz", "\"1\": PUBLIC", "\"1\": PUBLICK");

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
                .hasMessageStartingWith("sdbz.mapping.yaml: ")
                .hasMessageContaining("colour");
    }

    private Path variant(String id, String from, String to) throws IOException {
        String text = Files.readString(Path.of("mappings/sdbz.mapping.yaml"));
        assertThat(text).contains(from);
        Path file = dir.resolve(id + MappingLoader.SUFFIX);
        Files.writeString(file, text.replace(from, to));
        return file;
    }
}
