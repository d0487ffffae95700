package cn.shandong.chsync.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shandong.chsync.record.Kind;
import cn.shandong.chsync.record.Subject;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The person-year cases of compliance/person-years.yaml, each from a notice, against the shipped rules. */
class PersonYearTest {

    private static final ComplianceRules RULES = shippedRules();

    static Stream<Arguments> cases() throws IOException {
        try (InputStream in = PersonYearTest.class.getResourceAsStream("/compliance/person-years.yaml")) {
            JsonNode cases = new ObjectMapper(new YAMLFactory()).readTree(in);
            List<Arguments> arguments = new ArrayList<>();
            cases.forEach(c -> arguments.add(Arguments.of(c.path("name").asText(), c)));
            return arguments.stream();
        }
    }

    @Test
    void thereAreAtLeastThirtyCasesAndEachCitesItsNotice() throws IOException {
        List<Arguments> all = cases().toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(30);
        assertThat(all).allSatisfy(a -> assertThat(((JsonNode) a.get()[1]).path("notice").asText()).isNotBlank());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aPersonYearIsJudgedAsTheNoticeSays(String name, JsonNode c) {
        String city = c.path("city").asText();
        int year = c.path("year").asInt();
        List<PersonYear.Entry> entries = new ArrayList<>();
        int n = 0;
        for (JsonNode r : c.path("records")) {
            LocalDate date = LocalDate.parse(r.path("date").asText());
            BigDecimal hours = r.path("hours").decimalValue();
            List<String> reportedBy = new ArrayList<>();
            r.path("reportedBy").forEach(s -> reportedBy.add(s.asText()));
            entries.add(new PersonYear.Entry("key" + n++, city, r.path("course").asText(),
                    Subject.valueOf(r.path("subject").asText()), Kind.valueOf(r.path("kind").asText("TRAINING")),
                    r.has("amount") ? r.path("amount").decimalValue() : hours, r.path("unit").asText("HOURS"), hours,
                    date, date.getYear(), r.path("state").asText("ACTIVE"), r.path("push").asText("DONE"),
                    reportedBy.isEmpty() ? List.of("sdbz") : reportedBy));
        }

        PersonYear.Summary summary = PersonYear.of(RULES, city, year, entries);

        JsonNode expect = c.path("expect");
        assertThat(summary.system()).isEqualTo(expect.path("system").asText());
        assertThat(summary.met()).isEqualTo(expect.path("met").asBoolean());
        if (expect.has("public")) {
            assertThat(summary.publicHours()).isEqualByComparingTo(expect.path("public").decimalValue());
        }
        if (expect.has("professional")) {
            assertThat(summary.professionalHours()).isEqualByComparingTo(expect.path("professional").decimalValue());
        }
        assertThat(summary.totalHours()).isEqualByComparingTo(expect.path("total").decimalValue());
        if (expect.has("credits")) {
            assertThat(summary.credits()).isEqualByComparingTo(expect.path("credits").decimalValue());
        } else if (!"CREDITS".equals(summary.system())) {
            assertThat(summary.credits()).isNull();
        }
        Map<String, BigDecimal> missing = new LinkedHashMap<>();
        expect.path("missing").fields().forEachRemaining(e -> missing.put(e.getKey(), e.getValue().decimalValue()));
        assertThat(summary.missing()).hasSameSizeAs(missing.keySet());
        missing.forEach((what, amount) -> assertThat(summary.missing().get(what)).as("missing " + what)
                .isEqualByComparingTo(amount));
        if (expect.has("byKind")) {
            expect.path("byKind").fields().forEachRemaining(e -> assertThat(summary.hoursByKind().get(Kind.valueOf(e.getKey())))
                    .isEqualByComparingTo(e.getValue().decimalValue()));
        }
        List<String> excluded = new ArrayList<>();
        c.path("excluded").forEach(e -> excluded.add(e.asText()));
        assertThat(summary.records().stream().filter(r -> r.excluded() != null)
                .map(r -> r.excluded().substring(0, r.excluded().indexOf(':'))).toList())
                .containsExactlyElementsOf(excluded);
    }

    @Test
    void aRulesFileWithMistakesIsRefusedSayingWhereAndWhat() {
        String yaml = """
                requirements:
                  - from: 2020
                    to: 2018
                    system: HOURS
                    minTotal: 90
                    minPublic: 30
                    minProfessional: 70
                    notice: x
                closings:
                  - city: "3710"
                    year: 2019
                    date: 2018-09-30
                    notice: x
                conversions:
                  - name: broken
                    from: 2019
                    coursePattern: "学习强国("
                    factor: 2
                  - name: empty
                    from: 2019
                    coursePattern: "x"
                    notice: y
                """;
        assertThatThrownBy(() -> ComplianceRules.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requirements[0]: to (2018) is before from (2020)")
                .hasMessageContaining("requirements[0]: HOURS needs minTotal, minPublic and minProfessional above 0, public + professional at most the total")
                .hasMessageContaining("closings[0].city: a six-digit GB/T 2260 code, not '3710'")
                .hasMessageContaining("closings[0]: year and a date in that year are required")
                .hasMessageContaining("conversions[0] (broken).coursePattern: Unclosed group")
                .hasMessageContaining("conversions[0] (broken).notice: say which notice the rule comes from")
                .hasMessageContaining("conversions[1] (empty): says nothing (no points, factor or subject)");
    }

    private static ComplianceRules shippedRules() {
        try (InputStream in = PersonYearTest.class.getResourceAsStream("/compliance-rules.yaml")) {
            return ComplianceRules.load(in, "compliance-rules.yaml");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
