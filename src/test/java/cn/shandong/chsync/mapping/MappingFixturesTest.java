package cn.shandong.chsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.record.RecordValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every platform in mappings/ must come with fixtures: a raw page in its own format and the
 * canonical records (or the violations) it must map to. A platform without them fails here.
 */
class MappingFixturesTest {

    private static final Path MAPPINGS = Path.of("mappings");
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-30T00:00:00Z"), ZoneId.of("Asia/Shanghai"));

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static Stream<Path> mappingFiles() throws IOException {
        try (Stream<Path> files = Files.list(MAPPINGS)) {
            return files.filter(p -> p.getFileName().toString().endsWith(MappingLoader.SUFFIX)).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mappingFiles")
    void mapsItsFixturePageToTheExpectedCanonicalRecords(Path file) throws IOException {
        MappingDefinition mapping = new MappingLoader(MappingFixturesTest::defaults).load(file);
        Path fixtures = FIXTURES.resolve(mapping.id());
        Path page = fixtures.resolve("page." + mapping.response().format().name().toLowerCase());
        assertThat(page).as("raw page fixture of " + mapping.id()).exists();
        assertThat(fixtures.resolve("expected.json")).as("expected canonical output of " + mapping.id()).exists();
        RecordMapper mapper = new RecordMapper(mapping, new BigDecimal("5"),
                new RecordValidator(new BigDecimal("200"), LocalDate.of(2015, 1, 1), 2019, CLOCK));

        ArrayNode actual = json.createArrayNode();
        for (JsonNode item : new PageReader(mapping.response()).read(Files.readAllBytes(page)).items()) {
            actual.add(describe(mapper.map(item)));
        }

        JsonNode expected = json.readTree(fixtures.resolve("expected.json").toFile());
        assertThat(normalise(actual)).isEqualTo(normalise(expected));
    }

    private ObjectNode describe(MappedRecord mapped) {
        ObjectNode node = json.createObjectNode();
        node.put("sourceRecordId", mapped.sourceRecordId());
        if (mapped.valid()) {
            node.set("record", json.valueToTree(mapped.record()));
        } else {
            ArrayNode codes = node.putArray("violations");
            mapped.violations().forEach(v -> codes.add(v.code().name()));
        }
        return node;
    }

    /** 6 and 6.0 hours are the same amount: numbers compare by value. */
    private JsonNode normalise(JsonNode node) {
        if (node.isNumber()) {
            return json.getNodeFactory().textNode(node.decimalValue().stripTrailingZeros().toPlainString());
        }
        if (node.isArray()) {
            ArrayNode copy = json.createArrayNode();
            node.forEach(n -> copy.add(normalise(n)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = json.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), normalise(e.getValue())));
            return copy;
        }
        return node;
    }

    /** Mapping files take their addresses from the environment; the defaults serve here. */
    static String defaults(String text) {
        return text.replaceAll("\\$\\{[^:}]+:([^}]*)}", "$1");
    }
}
