package cn.shandong.chsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.record.IdNumber;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * What the bureaus read: a person's year and years from the merged data, judged by the shipped
 * rules. The person's completions are written straight into the tables, so every number the
 * answers hold is known. Run once per database by the subclasses.
 */
@TestPropertySource(properties = {
        "sync.simulators.people=20",
})
abstract class BureauTests extends EndToEnd {

    static final String PERSON = "37160219900101123" + IdNumber.checkCharacter("37160219900101123");
    private int serial;

    @BeforeEach
    void aBinzhouPersonsCompletions() throws Exception {
        camel.getRouteController().stopRoute("push");
        // 2024: 30 public (reported by the city and the provincial platform), 60 professional,
        // 10 professional revoked, 5 professional the province refused
        completion("sdbz", "371600", "公需课·数字经济", "PUBLIC", "30", "2024-03-01", "ACTIVE", "DONE", "sdou");
        completion("sdbz", "371600", "专业课·临床护理", "PROFESSIONAL", "60", "2024-06-01", "ACTIVE", "DONE", null);
        completion("sdbz", "371600", "专业课·撤销", "PROFESSIONAL", "10", "2024-07-01", "REVOKED", "DONE", null);
        completion("sdbz", "371600", "未备案培训", "PROFESSIONAL", "5", "2024-08-01", "ACTIVE", "REJECTED", null);
        // 2023: one hour short; 2019: a credit year in Binzhou, 95 学时 = 19 学分
        completion("sdbz", "371600", "公需课", "PUBLIC", "30", "2023-03-01", "ACTIVE", "DONE", null);
        completion("sdbz", "371600", "专业课", "PROFESSIONAL", "59", "2023-04-01", "ACTIVE", "DONE", null);
        completion("sdbz", "371600", "专业课", "PROFESSIONAL", "95", "2019-04-01", "ACTIVE", "DONE", null);
    }

    @Test
    void aPersonYearAddsUpTheRecordsBehindItOnceEach() {
        JsonNode answer = get("/api/people/" + PERSON + "/years/2024");

        assertThat(answer.path("idNumber").asText()).isEqualTo(PERSON.substring(0, 6) + "********" + PERSON.substring(14));
        JsonNode year = answer.path("year");
        assertThat(year.path("city").asText()).isEqualTo("371600");
        // no record names an employer code, no bureau set a city: the city of most hours
        assertThat(year.path("cityBasis").asText()).isEqualTo("MOST_HOURS");
        assertThat(year.path("system").asText()).isEqualTo("HOURS");
        assertThat(year.path("publicHours").decimalValue()).isEqualByComparingTo("30");
        assertThat(year.path("professionalHours").decimalValue()).isEqualByComparingTo("60");
        assertThat(year.path("totalHours").decimalValue()).isEqualByComparingTo("90");
        assertThat(year.path("met").asBoolean()).isTrue();
        assertThat(year.path("missing").size()).isZero();
        assertThat(year.path("pendingHours").decimalValue()).isEqualByComparingTo("0");
        assertThat(year.path("metWithPending").asBoolean()).isTrue();
        assertThat(year.path("requirement").path("notice").asText()).isEqualTo("001 滨州 2024");
        JsonNode records = year.path("records");
        assertThat(records.size()).isEqualTo(4);
        assertThat(records.get(0).path("entry").path("reportedBy").get(0).asText()).isEqualTo("sdbz");
        assertThat(records.get(0).path("entry").path("reportedBy").get(1).asText()).isEqualTo("sdou");
        assertThat(records.get(0).path("excluded").isNull()).isTrue();
        assertThat(records.get(1).path("excluded").isNull()).isTrue();
        assertThat(records.get(2).path("excluded").asText()).startsWith("REVOKED");
        assertThat(records.get(3).path("excluded").asText()).startsWith("PROVINCE_REJECTED");
    }

    @Test
    void aTitleApplicationsFiveYearsShowEachYearAndWhetherAllAreMet() {
        JsonNode answer = get("/api/people/" + PERSON + "/years?to=2024");

        assertThat(answer.path("from").asInt()).isEqualTo(2020);
        assertThat(answer.path("allMet").asBoolean()).isFalse();
        JsonNode years = answer.path("years");
        assertThat(years.findValuesAsText("year")).containsExactly("2020", "2021", "2022", "2023", "2024");
        assertThat(years.findValuesAsText("met")).containsExactly("false", "false", "false", "false", "true");
        assertThat(years.get(3).path("missing").path("total").decimalValue()).isEqualByComparingTo("1");
        assertThat(years.get(3).path("missing").path("professional").decimalValue()).isEqualByComparingTo("1");
        assertThat(years.get(0).path("missing").path("total").decimalValue()).isEqualByComparingTo("90");

        // and a credit year shows 学分 and 学时, by Binzhou's rule or, asked for, by Weihai's
        JsonNode credit = get("/api/people/" + PERSON + "/years/2019").path("year");
        assertThat(credit.path("system").asText()).isEqualTo("CREDITS");
        assertThat(credit.path("credits").decimalValue()).isEqualByComparingTo("19");
        assertThat(credit.path("totalHours").decimalValue()).isEqualByComparingTo("95");
        assertThat(credit.path("missing").path("credits").decimalValue()).isEqualByComparingTo("1");
        JsonNode weihai = get("/api/people/" + PERSON + "/years/2019?city=371000").path("year");
        assertThat(weihai.path("system").asText()).isEqualTo("HOURS");
        assertThat(weihai.path("missing").path("public").decimalValue()).isEqualByComparingTo("30");
    }

    @Test
    void theComplianceReportListsEachPersonOfTheCityAndSumsUpEachEmployer() throws Exception {
        // given a second Binzhou person one subject short, and a Yantai person
        String second = person("37160219850505002");
        String yantai = person("37060219850505003");
        jdbc.update("UPDATE credit_record SET employer_name = '滨州医学院附属医院', employer_code = '12371600MB0000001X'");
        completionOf(second, "sdbz", "371600", "公需课", "PUBLIC", "30", "2024-03-01", "滨州市第一中学");
        completionOf(yantai, "sdld", "370600", "公需课", "PUBLIC", "90", "2024-03-01", "烟台大学");

        // when Binzhou's 2024 report is exported
        ResponseEntity<byte[]> xlsx = http.getForEntity("/api/reports/compliance?city=371600&year=2024&format=xlsx", byte[].class);

        // then one row per Binzhou person, masked, with the person-year's numbers, and a row per employer
        assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
            Sheet people = book.getSheet("人员");
            assertThat(cells(people.getRow(0))).containsExactly("身份证号", "姓名", "工作单位", "统一社会信用代码",
                    "公需科目学时", "专业科目学时", "总学时", "学分", "是否达标", "未达标项", "在途学时", "含在途是否达标", "城市依据");
            assertThat(people.getLastRowNum()).isEqualTo(2);
            List<List<String>> rows = List.of(cells(people.getRow(1)), cells(people.getRow(2)));
            List<String> first = rows.stream().filter(r -> r.get(0).equals(IdNumber.mask(PERSON))).findFirst().orElseThrow();
            assertThat(first).containsExactly(IdNumber.mask(PERSON), "张三", "滨州医学院附属医院", "12371600MB0000001X",
                    "30.0", "60.0", "90.0", "", "达标", "", "0.0", "达标", "工作单位所在地");
            List<String> other = rows.stream().filter(r -> r.get(0).equals(IdNumber.mask(second))).findFirst().orElseThrow();
            assertThat(other).containsExactly(IdNumber.mask(second), "张三", "滨州市第一中学", "", "30.0", "0.0", "30.0", "",
                    "未达标", "总学时差60；专业差60", "0.0", "未达标", "学时最多的城市");
            Sheet employers = book.getSheet("单位汇总");
            assertThat(cells(employers.getRow(0))).containsExactly("工作单位", "统一社会信用代码", "人数", "达标人数", "达标率");
            assertThat(employers.getLastRowNum()).isEqualTo(2);
            assertThat(cells(employers.getRow(1))).containsExactly("滨州医学院附属医院", "12371600MB0000001X", "1.0", "1.0", "100.0%");
            assertThat(cells(employers.getRow(2))).containsExactly("滨州市第一中学", "", "1.0", "0.0", "0.0%");
        }

        // and the CSV says the same, and an employer filter keeps its people only
        String csv = http.getForObject("/api/reports/compliance?city=371600&year=2024&format=csv&employer=滨州市第一中学", String.class);
        assertThat(csv.split("\r\n")).containsExactly(
                "\uFEFF身份证号,姓名,工作单位,统一社会信用代码,公需科目学时,专业科目学时,总学时,学分,是否达标,未达标项,在途学时,含在途是否达标,城市依据",
                IdNumber.mask(second) + ",张三,滨州市第一中学,,30,0,30,,未达标,总学时差60；专业差60,0,未达标,学时最多的城市");
        assertThat(http.getForEntity("/api/reports/compliance?city=37&year=2024", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);

        // and LibreOffice, where it is installed, opens the workbook
        if (LibreOffice.available()) {
            List<String> lines = LibreOffice.toCsv(xlsx.getBody());
            assertThat(lines.get(0)).isEqualTo("身份证号,姓名,工作单位,统一社会信用代码,公需科目学时,专业科目学时,总学时,学分,是否达标,未达标项,在途学时,含在途是否达标,城市依据");
            assertThat(lines).contains(IdNumber.mask(PERSON) + ",张三,滨州医学院附属医院,12371600MB0000001X,30,60,90,,达标,,0,达标,工作单位所在地");
        }
    }

    private static List<String> cells(Row row) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < row.getLastCellNum(); i++) {
            Cell cell = row.getCell(i);
            cells.add(cell == null ? "" : cell.getCellType() == CellType.NUMERIC ? Double.toString(cell.getNumericCellValue())
                    : cell.getStringCellValue());
        }
        return cells;
    }

    private static String person(String first17) {
        return first17 + IdNumber.checkCharacter(first17);
    }

    @Test
    void aWrongNumberIsRefusedAndAnUnknownPersonNotFound() {
        String wrongCheck = PERSON.substring(0, 17) + (PERSON.endsWith("0") ? "1" : "0");
        assertThat(http.getForEntity("/api/people/" + wrongCheck + "/years/2024", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        String stranger = "11010119800101123" + IdNumber.checkCharacter("11010119800101123");
        assertThat(http.getForEntity("/api/people/" + stranger + "/years/2024", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.getForEntity("/api/people/" + PERSON + "/years/2024?city=37", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(http.getForEntity("/api/people/" + PERSON + "/years?from=2024&to=2020", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private void completionOf(String person, String source, String city, String course, String subject, String hours,
                              String date, String employer) {
        completion(person, source, city, course, subject, hours, date, "ACTIVE", "DONE", null);
        jdbc.update("UPDATE credit_record SET employer_name = ? WHERE completion_key = ?", employer, String.format("%064d", serial));
    }

    private void completion(String source, String city, String course, String subject, String hours, String date,
                            String state, String push, String alsoReportedBy) {
        completion(PERSON, source, city, course, subject, hours, date, state, push, alsoReportedBy);
    }

    private void completion(String person, String source, String city, String course, String subject, String hours,
                            String date, String state, String push, String alsoReportedBy) {
        String key = String.format("%064d", ++serial);
        Timestamp now = Timestamp.from(Instant.now());
        LocalDate day = LocalDate.parse(date);
        jdbc.update("""
                INSERT INTO credit_record (completion_key, province_key, revision, fingerprint, id_hash, id_cipher, person_name, city_code,
                    source_id, source_record_id, course_name, subject, kind, amount, unit, hours, completion_date, study_year,
                    state, created_at, updated_at)
                VALUES (?, ?, 1, ?, ?, ?, '张三', ?, ?, ?, ?, ?, 'TRAINING', ?, 'HOURS', ?, ?, ?, ?, ?, ?)
                """, key, ids.encrypt(key), key, ids.hash(person), ids.encrypt(person), city, source, "r" + serial, course, subject, new java.math.BigDecimal(hours),
                new java.math.BigDecimal(hours), day, day.getYear(), state, now, now);
        for (String reporter : alsoReportedBy == null ? List.of(source) : List.of(source, alsoReportedBy)) {
            jdbc.update("""
                    INSERT INTO credit_record_source (source_id, source_record_id, completion_key, is_primary, fingerprint,
                        revision, first_run_id, last_run_id, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, 1, 0, 0, ?, ?)
                    """, reporter, "r" + serial, key, reporter.equals(source), key, now, now);
        }
        jdbc.update("""
                INSERT INTO push_outbox (completion_key, revision, status, attempts, next_attempt_at, result, created_at, done_at)
                VALUES (?, 1, ?, 1, ?, ?, ?, ?)
                """, key, push, now, push.equals("DONE") ? "ACCEPTED" : "REJECTED", now, now);
    }
}
