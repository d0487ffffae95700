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
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The person-year cases of compliance/person-years.yaml, each from a notice, against the shipped
 * rules; and every citation, of a case or of a rule, found word for word in its notice.
 */
class PersonYearTest {

    private static final ComplianceRules RULES = shippedRules();

    static Stream<Arguments> cases() {
        JsonNode cases = yaml("/compliance/person-years.yaml");
        List<Arguments> arguments = new ArrayList<>();
        cases.forEach(c -> arguments.add(Arguments.of(c.path("name").asText(), c)));
        return arguments.stream();
    }

    @Test
    void thereAreAtLeastSixtyCasesAndEachCitesItsNoticeSectionAndWords() {
        List<Arguments> all = cases().toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(60);
        assertThat(all).allSatisfy(a -> {
            JsonNode c = (JsonNode) a.get()[1];
            assertThat(c.path("section").asText()).as(c.path("name").asText()).isNotBlank();
            assertQuoted(c.path("name").asText(), c.path("notice").asText(), c.path("words").asText());
        });
    }

    @Test
    void everyRuleOfTheShippedFileQuotesItsNoticeWordForWord() {
        List<JsonNode> cited = new ArrayList<>();
        collectCitations(yaml("/compliance-rules.yaml"), cited);
        // 7 requirements, 4 closings, 3 conversions, 1 threshold, 1 make-up, 13 kinds, 6 principle citations
        assertThat(cited).hasSize(35);
        cited.forEach(c -> assertQuoted(c.path("section").asText(), c.path("notice").asText(), c.path("words").asText()));
    }

    @Test
    void aQuotationNotInTheNoticeIsCaught() {
        // the sentence an earlier test ascribed to the 2025 provincial notice is Yantai's
        assertThat(found("002", "未经备案的培训项目不能登记专业科目学时")).isFalse();
        assertThat(found("000", "未经备案的培训项目不能登记专业科目学时")).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aPersonYearIsJudgedAsTheNoticeSays(String name, JsonNode c) {
        List<PersonYear.Entry> entries = entries(c);
        JsonNode expect = c.path("expect");
        if (c.has("term")) {
            JsonNode term = c.path("term");
            ComplianceRules.Purpose purpose = term.has("purpose") ? ComplianceRules.Purpose.valueOf(term.path("purpose").asText()) : null;
            LocalDate asOf = term.has("asOf") ? LocalDate.parse(term.path("asOf").asText()) : null;
            List<PersonYear.Summary> years = new ArrayList<>();
            for (int y = term.path("from").asInt(); y <= term.path("to").asInt(); y++) {
                years.add(PersonYear.of(RULES, personCity(c, entries, y), y, entries, asOf));
            }

            TitleApplication application = TitleApplication.of(RULES, years, purpose, asOf);

            assertThat(application.allMet()).isEqualTo(expect.path("allMet").asBoolean());
            List<Boolean> met = new ArrayList<>();
            expect.path("met").forEach(m -> met.add(m.asBoolean()));
            assertThat(application.years().stream().map(PersonYear.Summary::met).toList()).containsExactlyElementsOf(met);
            if (expect.has("average")) {
                assertThat(application.averages()).hasSize(1);
                assertThat(application.averages().get(0).averageCredits()).isEqualByComparingTo(expect.path("average").decimalValue());
            } else {
                assertThat(application.averages()).isEmpty();
            }
            assertThat(application.cutoff()).hasSize(asOf == null ? 0 : 3);
            return;
        }
        int year = c.path("year").asInt();
        LocalDate asOf = c.has("asOf") ? LocalDate.parse(c.path("asOf").asText()) : null;

        PersonYear.Summary summary = PersonYear.of(RULES, personCity(c, entries, year), year, entries, asOf);

        assertThat(summary.system()).isEqualTo(expect.path("system").asText());
        assertThat(summary.met()).as("met").isEqualTo(expect.path("met").asBoolean());
        if (expect.has("public")) {
            assertThat(summary.publicHours()).as("public").isEqualByComparingTo(expect.path("public").decimalValue());
        }
        if (expect.has("professional")) {
            assertThat(summary.professionalHours()).as("professional").isEqualByComparingTo(expect.path("professional").decimalValue());
        }
        assertThat(summary.totalHours()).as("total").isEqualByComparingTo(expect.path("total").decimalValue());
        if (expect.has("credits")) {
            assertThat(summary.credits()).isEqualByComparingTo(expect.path("credits").decimalValue());
        } else if (!"CREDITS".equals(summary.system())) {
            assertThat(summary.credits()).isNull();
        }
        assertMissing(summary.missing(), expect.path("missing"));
        assertThat(summary.pendingHours()).as("pending").isEqualByComparingTo(expect.path("pending").decimalValue());
        // with nothing on its way, the year with it is the year now
        assertThat(summary.metWithPending()).as("metWithPending")
                .isEqualTo(expect.has("metWithPending") ? expect.path("metWithPending").asBoolean() : summary.met());
        if (expect.has("missingWithPending")) {
            assertMissing(summary.missingWithPending(), expect.path("missingWithPending"));
        }
        if (expect.has("byKind")) {
            Map<Kind, BigDecimal> byKind = new LinkedHashMap<>();
            expect.path("byKind").fields().forEachRemaining(e -> byKind.put(Kind.valueOf(e.getKey()), e.getValue().decimalValue()));
            assertThat(summary.hoursByKind().keySet()).containsExactlyInAnyOrderElementsOf(byKind.keySet());
            byKind.forEach((kind, hours) -> assertThat(summary.hoursByKind().get(kind)).as(kind.name()).isEqualByComparingTo(hours));
        }
        if (expect.has("requirement")) {
            assertThat(summary.requirement().notice()).startsWith(expect.path("requirement").asText());
        }
        if (expect.has("city")) {
            assertThat(summary.city()).isEqualTo(expect.path("city").asText());
            assertThat(summary.cityBasis()).isEqualTo(PersonCity.Basis.valueOf(expect.path("cityBasis").asText()));
        }
        List<String> excluded = new ArrayList<>();
        c.path("excluded").forEach(e -> excluded.add(e.asText()));
        assertThat(summary.records().stream().filter(r -> r.excluded() != null)
                .map(r -> r.excluded().substring(0, r.excluded().indexOf(':'))).toList())
                .containsExactlyElementsOf(excluded);
        assertThat(summary.records().stream().filter(r -> r.excluded() != null))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(PersonYear.Status.EXCLUDED));
        if (c.has("ruled")) {
            List<String> ruled = new ArrayList<>();
            c.path("ruled").forEach(r -> ruled.add(r.asText()));
            assertThat(summary.records().stream().filter(r -> r.excluded() == null && r.rule() != null)
                    .flatMap(r -> Arrays.stream(r.rule().split("; ")).map(rule -> rule.split(" — ")[0])).distinct().toList())
                    .containsExactlyElementsOf(ruled);
        }
    }

    @Test
    void anEmployerCodeGivesItsShandongCityAndNothingElse() {
        assertThat(PersonCity.ofEmployerCode("12371002MB000000XY")).isEqualTo("371000");
        assertThat(PersonCity.ofEmployerCode("91370600MA000000XY")).isEqualTo("370600");
        assertThat(PersonCity.ofEmployerCode("12370000MB000000XY")).isEqualTo("370000");
        assertThat(PersonCity.ofEmployerCode("91110000MA000000XY")).isNull();
        assertThat(PersonCity.ofEmployerCode("9137060")).isNull();
        assertThat(PersonCity.ofEmployerCode(null)).isNull();
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
                    notice: "威海 2019"
                    section: 二
                    words: x
                closings:
                  - city: "3710"
                    year: 2019
                    date: 2018-09-30
                    notice: "004 威海 2019"
                    section: 一
                    words: x
                conversions:
                  - name: broken
                    from: 2019
                    coursePattern: "学习强国("
                    factor: 2
                  - name: empty
                    from: 2019
                    coursePattern: "x"
                    notice: "004 威海 2019"
                    section: 一
                    words: y
                thresholds:
                  - name: points
                    from: 2019
                    coursePattern: "x"
                    atLeast: 2000
                    notice: "004 威海 2019"
                    section: 一
                    words: y
                makeUps:
                  - name: late
                    madeUpFrom: 2015
                    madeUpTo: 2018
                    coursePattern: "补学"
                    until: 2018-09-30
                    notice: "004 威海 2019"
                    section: 一
                    words: y
                kinds:
                  - kind: SELF_STUDY
                    from: 2024
                    notice: "000 烟台 2024"
                    section: 二
                    words: y
                """;
        assertThatThrownBy(() -> ComplianceRules.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requirements[0]: to (2018) is before from (2020)")
                .hasMessageContaining("requirements[0]: HOURS needs minTotal, minPublic and minProfessional above 0, public + professional at most the total")
                .hasMessageContaining("requirements[0].notice: say which notice the rule comes from (000-004 and its short name)")
                .hasMessageContaining("closings[0].city: a six-digit GB/T 2260 code, not '3710'")
                .hasMessageContaining("closings[0]: year and a date in that year are required")
                .hasMessageContaining("conversions[0] (broken).coursePattern: Unclosed group")
                .hasMessageContaining("conversions[0] (broken).notice: say which notice")
                .hasMessageContaining("conversions[0] (broken).section: say which section of the notice")
                .hasMessageContaining("conversions[0] (broken).words: quote the notice's words")
                .hasMessageContaining("conversions[1] (empty): says nothing (no factor, subject or asSent: true)")
                .hasMessageContaining("thresholds[0] (points): atLeast (points) and hours above 0 and a subject are required")
                .hasMessageContaining("makeUps[0] (late).coursePattern: its first group must capture the year made up")
                .hasMessageContaining("makeUps[0] (late).until: a date after the years made up is required")
                .hasMessageContaining("kinds[0] (SELF_STUDY): says nothing (no countsAs, maxHoursPerYear or openPoint)")
                .hasMessageContaining("principles: PERSON_CITY is not cited");
    }

    @Test
    void aYearlyCapOfAKindCutsTheHoursBeyondIt() {
        // The shipped file sets no cap (the documents are not among the seeds): a file that does.
        String yaml = """
                requirements:
                  - from: 2018
                    system: HOURS
                    minTotal: 90
                    minPublic: 30
                    minProfessional: 60
                    notice: "004 威海 2019"
                    section: 二（一）
                    words: x
                kinds:
                  - kind: SELF_STUDY
                    city: "370600"
                    from: 2024
                    countsAs: PROFESSIONAL
                    maxHoursPerYear: 20
                    notice: "000 烟台 2024"
                    section: 二（二）3
                    words: x
                principles:
                  - {name: PERSON_CITY, citations: [{notice: "001 滨州 2024", section: 五（二）, words: x}]}
                  - {name: COUNTED_AT_PROVINCE, citations: [{notice: "000 烟台 2024", section: 三, words: x}]}
                  - {name: TITLE_APPLICATION_CUTOFF, citations: [{notice: "000 烟台 2024", section: 一, words: x}]}
                """;
        ComplianceRules capped = ComplianceRules.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "capped.yaml");
        List<PersonYear.Entry> entries = List.of(
                entry("公需课", Subject.PUBLIC, Kind.TRAINING, "30", "2024-03-01"),
                entry("自学一", Subject.PROFESSIONAL, Kind.SELF_STUDY, "15", "2024-04-01"),
                entry("自学二", Subject.PROFESSIONAL, Kind.SELF_STUDY, "15", "2024-05-01"),
                entry("自学三", Subject.PROFESSIONAL, Kind.SELF_STUDY, "10", "2024-06-01"),
                entry("专业课", Subject.PROFESSIONAL, Kind.TRAINING, "40", "2024-07-01"));

        PersonYear.Summary year = PersonYear.of(capped, "370600", 2024, entries);

        assertThat(year.hoursByKind().get(Kind.SELF_STUDY)).isEqualByComparingTo("20");
        assertThat(year.professionalHours()).isEqualByComparingTo("60");
        assertThat(year.met()).isTrue();
        assertThat(year.records().get(2).hours()).isEqualByComparingTo("5");
        assertThat(year.records().get(3).excluded()).startsWith("KIND_CAP: SELF_STUDY counts at most 20 学时 a year");
    }

    private static PersonYear.Entry entry(String course, Subject subject, Kind kind, String hours, String date) {
        LocalDate day = LocalDate.parse(date);
        return new PersonYear.Entry(course + date, "370600", null, course, subject, kind, new BigDecimal(hours), "HOURS",
                new BigDecimal(hours), day, day.getYear(), "ACTIVE", "DONE", List.of("sdld"));
    }

    private static PersonCity personCity(JsonNode c, List<PersonYear.Entry> entries, int year) {
        return c.has("city") ? new PersonCity(c.path("city").asText(), PersonCity.Basis.REQUESTED)
                : PersonCity.of(entries, year, c.has("bureauCity") ? c.path("bureauCity").asText() : null);
    }

    private static List<PersonYear.Entry> entries(JsonNode c) {
        List<PersonYear.Entry> entries = new ArrayList<>();
        int n = 0;
        for (JsonNode r : c.path("records")) {
            LocalDate date = LocalDate.parse(r.path("date").asText());
            BigDecimal hours = r.path("hours").decimalValue();
            List<String> reportedBy = new ArrayList<>();
            r.path("reportedBy").forEach(s -> reportedBy.add(s.asText()));
            String platformCity = r.has("platform") ? r.path("platform").asText() : c.path("city").asText();
            entries.add(new PersonYear.Entry("key" + n++, platformCity, r.has("employer") ? r.path("employer").asText() : null,
                    r.path("course").asText(), Subject.valueOf(r.path("subject").asText()), Kind.valueOf(r.path("kind").asText("TRAINING")),
                    r.has("amount") ? r.path("amount").decimalValue() : hours, r.path("unit").asText("HOURS"), hours,
                    date, date.getYear(), r.path("state").asText("ACTIVE"), r.path("push").asText("DONE"),
                    reportedBy.isEmpty() ? List.of("sdbz") : reportedBy));
        }
        return entries;
    }

    private static void assertMissing(Map<String, BigDecimal> actual, JsonNode expected) {
        Map<String, BigDecimal> missing = new LinkedHashMap<>();
        expected.fields().forEachRemaining(e -> missing.put(e.getKey(), e.getValue().decimalValue()));
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(missing.keySet());
        missing.forEach((what, amount) -> assertThat(actual.get(what)).as("missing " + what).isEqualByComparingTo(amount));
    }

    /** Every object of the rules file that cites a notice (requirements, closings, ... and the principles' citations). */
    private static void collectCitations(JsonNode node, List<JsonNode> into) {
        if (node.isObject() && node.has("words")) {
            into.add(node);
        }
        node.forEach(child -> collectCitations(child, into));
    }

    /** The quotation's every fragment ("……" between them) is in the notice named by its first three characters. */
    private static void assertQuoted(String what, String notice, String words) {
        assertThat(notice).as(what + ": notice").matches("00[0-4] .+");
        assertThat(words).as(what + ": words").isNotBlank();
        for (String fragment : words.split("……")) {
            assertThat(found(notice.substring(0, 3), fragment)).as(what + ": \"" + fragment + "\" in " + notice).isTrue();
        }
    }

    /** Whether the words are in the notice, spaces and line breaks aside (the notices break lines mid-sentence). */
    private static boolean found(String notice, String words) {
        try (InputStream in = PersonYearTest.class.getResourceAsStream("/notices/" + notice + ".txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return squeeze(text).contains(squeeze(words));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String squeeze(String text) {
        return text.replaceAll("[\\s\\u3000]+", "");
    }

    private static JsonNode yaml(String resource) {
        try (InputStream in = PersonYearTest.class.getResourceAsStream(resource)) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ComplianceRules shippedRules() {
        try (InputStream in = PersonYearTest.class.getResourceAsStream("/compliance-rules.yaml")) {
            return ComplianceRules.load(in, "compliance-rules.yaml");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
