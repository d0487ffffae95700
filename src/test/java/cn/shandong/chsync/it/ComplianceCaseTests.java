package cn.shandong.chsync.it;

import static cn.shandong.chsync.simulator.ComplianceCases.NO_EMPLOYER_CODE;
import static cn.shandong.chsync.simulator.ComplianceCases.WEIFANG_AI;
import static cn.shandong.chsync.simulator.ComplianceCases.WEIHAI_BATCH;
import static cn.shandong.chsync.simulator.ComplianceCases.WEIHAI_ON_YANTAI;
import static cn.shandong.chsync.simulator.ComplianceCases.WEIHAI_POINTS;
import static cn.shandong.chsync.simulator.ComplianceCases.YANTAI_APPLICANT;
import static cn.shandong.chsync.simulator.ComplianceCases.YANTAI_KINDS;
import static cn.shandong.chsync.simulator.ComplianceCases.YANTAI_PENDING;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.record.IdNumber;
import cn.shandong.chsync.simulator.ComplianceCases;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * The notices' special cases end to end (issue 29): the simulated platforms serve the people of
 * {@link ComplianceCases} beside a small generated world, the service syncs them and pushes them
 * to the simulated province, and the answers are read as a bureau reads them, through the
 * person-year API and the compliance report. Run once per database by the subclasses.
 */
@TestPropertySource(properties = {
        "sync.simulators.people=5",
        "sync.simulators.compliance-cases=true",
})
abstract class ComplianceCaseTests extends EndToEnd {

    @BeforeEach
    void noCitySetByABureau() {
        jdbc.update("DELETE FROM person_city");
    }

    @Test
    void theNoticesSpecialCasesAreAnsweredAsTheNoticesSay() throws Exception {
        // given every case person's platforms synced and pushed
        for (String source : List.of("sdld", "sdwh", "wfjd")) {
            assertThat(syncToTheEnd(source).path("status").asText()).as(source).isEqualTo("SUCCEEDED");
        }
        awaitOutboxDrained();

        // a Weihai employee's public course on a Yantai base, completed 2019-10-08: Weihai's closing applies (004 一（一）)
        JsonNode onYantai = year(WEIHAI_ON_YANTAI, 2019);
        assertThat(onYantai.path("city").asText()).isEqualTo("371000");
        assertThat(onYantai.path("cityBasis").asText()).isEqualTo("EMPLOYER");
        assertThat(onYantai.path("met").asBoolean()).isFalse();
        assertThat(onYantai.path("publicHours").decimalValue()).isEqualByComparingTo("0");
        assertThat(onYantai.path("professionalHours").decimalValue()).isEqualByComparingTo("60");
        assertThat(excluded(onYantai)).containsExactly("CLOSED_YEAR");

        // 4,000 学习强国 points are 5 public 学时, once; the 2016 make-up counts for 2016, the late 2017 one for no year
        JsonNode points = year(WEIHAI_POINTS, 2019);
        assertThat(points.path("met").asBoolean()).isTrue();
        assertThat(points.path("publicHours").decimalValue()).isEqualByComparingTo("30");
        assertThat(points.path("professionalHours").decimalValue()).isEqualByComparingTo("60");
        assertThat(points.path("records").get(0).path("hours").decimalValue()).isEqualByComparingTo("5");
        assertThat(points.path("records").get(0).path("rule").asText()).startsWith("学习强国积分折算 — 004 威海 2019 一（一）");
        assertThat(excluded(points)).containsExactly("MADE_UP_FOR_ANOTHER_YEAR", "MAKE_UP_CLOSED");
        JsonNode y2016 = year(WEIHAI_POINTS, 2016);
        assertThat(y2016.path("system").asText()).isEqualTo("CREDITS");
        assertThat(y2016.path("publicHours").decimalValue()).isEqualByComparingTo("20");
        assertThat(y2016.path("credits").decimalValue()).isEqualByComparingTo("15");
        assertThat(y2016.path("met").asBoolean()).isFalse();
        // and over a 评审 term 15 + 25 学分 average 20: met; 聘用 needs 10; year by year, 2016 falls short
        JsonNode review = get(years(WEIHAI_POINTS, "?from=2016&to=2017&purpose=REVIEW"));
        assertThat(review.path("allMet").asBoolean()).isTrue();
        assertThat(review.path("averages").get(0).path("averageCredits").decimalValue()).isEqualByComparingTo("20");
        assertThat(review.path("averages").get(0).path("requirement").path("section").asText()).isEqualTo("二（一）");
        assertThat(review.path("years").get(0).path("credits").decimalValue()).isEqualByComparingTo("15");
        assertThat(review.path("years").get(1).path("credits").decimalValue()).isEqualByComparingTo("25");
        assertThat(get(years(WEIHAI_POINTS, "?from=2016&to=2017&purpose=APPOINTMENT")).path("allMet").asBoolean()).isTrue();
        assertThat(get(years(WEIHAI_POINTS, "?from=2016&to=2017")).path("allMet").asBoolean()).isFalse();

        // the employer's batch declaration of 5 学时 counts 5
        JsonNode batch = year(WEIHAI_BATCH, 2019);
        assertThat(batch.path("met").asBoolean()).isTrue();
        assertThat(batch.path("publicHours").decimalValue()).isEqualByComparingTo("30");

        // Weifang 2026: AI literacy sent as public stays public (003 六（二） names no subject)
        JsonNode ai = year(WEIFANG_AI, 2026);
        assertThat(ai.path("met").asBoolean()).isTrue();
        assertThat(ai.path("publicHours").decimalValue()).isEqualByComparingTo("30");
        assertThat(ai.path("professionalHours").decimalValue()).isEqualByComparingTo("60");
        assertThat(ai.path("requirement").path("notice").asText()).isEqualTo("003 潍坊 2026");

        // a title application: the course after the materials' submission does not count (000 一)
        JsonNode application = get(years(YANTAI_APPLICANT, "?from=2023&to=2024&purpose=REVIEW&asOf=2024-04-30"));
        assertThat(application.path("allMet").asBoolean()).isFalse();
        assertThat(application.path("years").findValuesAsText("met")).containsExactly("true", "false");
        assertThat(excluded(application.path("years").get(1))).containsExactly("AFTER_SUBMISSION");
        assertThat(application.path("cutoff").findValuesAsText("notice")).containsExactly("000 烟台 2024", "001 滨州 2024", "003 潍坊 2026");
        assertThat(get(years(YANTAI_APPLICANT, "?from=2023&to=2024&purpose=REVIEW")).path("allMet").asBoolean()).isTrue();
        assertThat(http.getForEntity(years(YANTAI_APPLICANT, "?purpose=PROMOTION"), String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);

        // Yantai registers self-study sent as public and a publication as 专业科目 (000 二（二）3)
        JsonNode kinds = year(YANTAI_KINDS, 2024);
        assertThat(kinds.path("met").asBoolean()).isTrue();
        assertThat(kinds.path("publicHours").decimalValue()).isEqualByComparingTo("30");
        assertThat(kinds.path("professionalHours").decimalValue()).isEqualByComparingTo("60");
        assertThat(kinds.path("hoursByKind").path("SELF_STUDY").decimalValue()).isEqualByComparingTo("20");
        assertThat(kinds.path("hoursByKind").path("CONVERTED_WORKS").decimalValue()).isEqualByComparingTo("40");

        // and Weihai's 2019 report has its three people, whatever platform they studied on, as the API answers them
        Map<String, List<String>> weihai = report("371000", 2019);
        assertThat(weihai.keySet()).containsExactlyInAnyOrder(masked(WEIHAI_ON_YANTAI), masked(WEIHAI_POINTS), masked(WEIHAI_BATCH));
        assertThat(weihai.get(masked(WEIHAI_ON_YANTAI))).containsExactly(masked(WEIHAI_ON_YANTAI), "威海甲", "威海市立医院",
                WEIHAI_ON_YANTAI.employerCode(), "0.0", "60.0", "60.0", "", "未达标", "总学时差30；公需差30", "0.0", "未达标", "工作单位所在地");
        assertThat(weihai.get(masked(WEIHAI_POINTS)).subList(4, 13))
                .containsExactly("30.0", "60.0", "90.0", "", "达标", "", "0.0", "达标", "工作单位所在地");
        assertThat(report("370600", 2019).keySet()).containsExactly(masked(NO_EMPLOYER_CODE));
        // the 2016 report finds the make-up completed in 2019
        assertThat(report("371000", 2016).get(masked(WEIHAI_POINTS)).subList(4, 9)).containsExactly("20.0", "55.0", "75.0", "15.0", "未达标");
    }

    @Test
    void aBureauSetsTheCityOfAPersonWhoseRecordsNameNoEmployer() throws Exception {
        assertThat(syncToTheEnd("sdld").path("status").asText()).isEqualTo("SUCCEEDED");
        awaitOutboxDrained();
        // with no employer code, the city of most hours: Yantai, whose 2019 public study closes on 31 December
        JsonNode guessed = year(NO_EMPLOYER_CODE, 2019);
        assertThat(guessed.path("city").asText()).isEqualTo("370600");
        assertThat(guessed.path("cityBasis").asText()).isEqualTo("MOST_HOURS");
        assertThat(guessed.path("met").asBoolean()).isTrue();

        // Binzhou's bureau may not claim the person for Weihai
        assertThat(http.withBasicAuth("bureau", "bureau").exchange(city(NO_EMPLOYER_CODE), HttpMethod.PUT,
                new HttpEntity<>(Map.of("city", "371000")), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        // when Weihai's rules are set for the person
        ResponseEntity<JsonNode> set = http.exchange(city(NO_EMPLOYER_CODE), HttpMethod.PUT,
                new HttpEntity<>(Map.of("city", "371000", "reason", "威海个体执业，属地管理")), JsonNode.class);
        assertThat(set.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(set.getBody().path("idNumber").asText()).isEqualTo(masked(NO_EMPLOYER_CODE));

        // then Weihai's 30 September closing applies, and the person is in Weihai's report, not Yantai's
        JsonNode set2019 = year(NO_EMPLOYER_CODE, 2019);
        assertThat(set2019.path("city").asText()).isEqualTo("371000");
        assertThat(set2019.path("cityBasis").asText()).isEqualTo("BUREAU");
        assertThat(set2019.path("met").asBoolean()).isFalse();
        assertThat(excluded(set2019)).containsExactly("CLOSED_YEAR");
        assertThat(report("371000", 2019).get(masked(NO_EMPLOYER_CODE)).get(12)).isEqualTo("人社部门设定");
        assertThat(report("370600", 2019)).doesNotContainKey(masked(NO_EMPLOYER_CODE));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = 'PERSON_CITY_SET'", Integer.class)).isEqualTo(1);
    }

    @Test
    void hoursOnTheirWayToTheProvinceMeetTheYearOnlyOnceItHasThem() throws Exception {
        // given Yantai's first sync, pushed: 30 public + 40 professional of 2025
        assertThat(syncToTheEnd("sdld").path("status").asText()).isEqualTo("SUCCEEDED");
        awaitOutboxDrained();
        JsonNode before = year(YANTAI_PENDING, 2025);
        assertThat(before.path("met").asBoolean()).isFalse();
        assertThat(before.path("metWithPending").asBoolean()).isFalse();

        // when 20 more professional hours are synced but the province has not taken them yet
        camel.getRouteController().stopRoute("push");
        post("/sim/control/epoch/2");
        assertThat(syncToTheEnd("sdld").path("status").asText()).isEqualTo("SUCCEEDED");

        // then they are on the way: not met, met with them, in the API and in both report formats
        JsonNode waiting = year(YANTAI_PENDING, 2025);
        assertThat(waiting.path("met").asBoolean()).isFalse();
        assertThat(waiting.path("professionalHours").decimalValue()).isEqualByComparingTo("40");
        assertThat(waiting.path("pendingProfessionalHours").decimalValue()).isEqualByComparingTo("20");
        assertThat(waiting.path("pendingHours").decimalValue()).isEqualByComparingTo("20");
        assertThat(waiting.path("metWithPending").asBoolean()).isTrue();
        assertThat(waiting.path("missing").path("professional").decimalValue()).isEqualByComparingTo("20");
        assertThat(waiting.path("records").findValuesAsText("status")).containsExactly("COUNTED", "COUNTED", "PENDING");
        assertThat(report("370600", 2025).get(masked(YANTAI_PENDING)).subList(4, 13))
                .containsExactly("30.0", "40.0", "70.0", "", "未达标", "总学时差20；专业差20", "20.0", "达标", "工作单位所在地");
        String csv = http.getForObject("/api/reports/compliance?city=370600&year=2025&format=csv", String.class);
        assertThat(csv.split("\r\n")).contains(masked(YANTAI_PENDING)
                + ",烟台甲,烟台市中心医院," + YANTAI_PENDING.employerCode() + ",30,40,70,,未达标,总学时差20；专业差20,20,达标,工作单位所在地");

        // and once the province has them, the year is met
        camel.getRouteController().startRoute("push");
        awaitOutboxDrained();
        JsonNode taken = year(YANTAI_PENDING, 2025);
        assertThat(taken.path("met").asBoolean()).isTrue();
        assertThat(taken.path("pendingHours").decimalValue()).isEqualByComparingTo("0");
    }

    private JsonNode year(ComplianceCases.Person person, int year) {
        return get("/api/people/" + person.idNumber() + "/years/" + year).path("year");
    }

    private static String years(ComplianceCases.Person person, String query) {
        return "/api/people/" + person.idNumber() + "/years" + query;
    }

    private static String city(ComplianceCases.Person person) {
        return "/api/people/" + person.idNumber() + "/city";
    }

    private static String masked(ComplianceCases.Person person) {
        return IdNumber.mask(person.idNumber());
    }

    private static List<String> excluded(JsonNode year) {
        List<String> reasons = new ArrayList<>();
        year.path("records").forEach(r -> {
            if (!r.path("excluded").isNull()) {
                reasons.add(r.path("excluded").asText().substring(0, r.path("excluded").asText().indexOf(':')));
            }
        });
        return reasons;
    }

    /** The XLSX report's people sheet, each row's cells by its masked ID number. */
    private Map<String, List<String>> report(String city, int year) throws Exception {
        ResponseEntity<byte[]> xlsx = http.getForEntity("/api/reports/compliance?city=" + city + "&year=" + year + "&format=xlsx",
                byte[].class);
        assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
            Sheet people = book.getSheet("人员");
            for (int i = 1; i <= people.getLastRowNum(); i++) {
                Row row = people.getRow(i);
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    Cell cell = row.getCell(c);
                    cells.add(cell == null ? "" : cell.getCellType() == CellType.NUMERIC
                            ? Double.toString(cell.getNumericCellValue()) : cell.getStringCellValue());
                }
                rows.put(cells.get(0), cells);
            }
        }
        return rows;
    }
}
