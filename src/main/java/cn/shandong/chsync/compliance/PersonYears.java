package cn.shandong.chsync.compliance;

import cn.shandong.chsync.record.Kind;
import cn.shandong.chsync.record.Subject;
import cn.shandong.chsync.security.IdProtection;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A person's years from the merged data: every ACTIVE or REVOKED completion of theirs (one row
 * per completion, however many platforms reported it) with its platforms and the province's
 * answer, judged by the rules of compliance-rules.yaml (loaded and checked at start-up).
 */
@Component
public class PersonYears {

    /** Records of province-level platforms carry this code; a person's city comes from the others. */
    static final String PROVINCE = "370000";

    private final JdbcTemplate jdbc;
    private final ComplianceRules rules;
    private final IdProtection ids;

    PersonYears(JdbcTemplate jdbc, ResourceLoader resources, IdProtection ids,
                @Value("${sync.compliance.rules:classpath:compliance-rules.yaml}") String location) throws IOException {
        this.jdbc = jdbc;
        this.ids = ids;
        try (InputStream in = resources.getResource(location).getInputStream()) {
            this.rules = ComplianceRules.load(in, location);
        }
    }

    public ComplianceRules rules() {
        return rules;
    }

    /** The person's year; {@code city} null: the city where most of the year's hours were reported. */
    public PersonYear.Summary year(String idNumber, int year, String city) {
        List<PersonYear.Entry> entries = entries(idNumber, year, year);
        return PersonYear.of(rules, city != null ? city : homeCity(entries, year), year, entries);
    }

    public List<PersonYear.Summary> years(String idNumber, int from, int to, String city) {
        List<PersonYear.Entry> entries = entries(idNumber, from, to);
        List<PersonYear.Summary> years = new ArrayList<>();
        for (int year = from; year <= to; year++) {
            years.add(PersonYear.of(rules, city != null ? city : homeCity(entries, year), year, entries));
        }
        return years;
    }

    /** Whether anything of the person is held at all. */
    public boolean known(String idNumber) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM credit_record WHERE id_hash = ?", Integer.class, ids.hash(idNumber));
        return n != null && n > 0;
    }

    /**
     * Whether the person is one of the city's: in some year of theirs the city's platforms reported
     * most of their hours, as the compliance report counts them. What a bureau may read.
     */
    public boolean ofCity(String idNumber, String city) {
        Map<Integer, Map<String, BigDecimal>> years = new HashMap<>();
        jdbc.query("""
                SELECT study_year, city_code, SUM(hours) FROM credit_record WHERE id_hash = ? GROUP BY study_year, city_code
                """, rs -> {
            years.computeIfAbsent(rs.getInt(1), y -> new HashMap<>()).put(rs.getString(2), rs.getBigDecimal(3));
        }, ids.hash(idNumber));
        return years.values().stream().anyMatch(byCity -> city.equals(homeCity(byCity)));
    }

    List<PersonYear.Entry> entries(String idNumber, int from, int to) {
        Map<String, List<String>> reportedBy = new HashMap<>();
        jdbc.query("""
                SELECT l.completion_key, l.source_id FROM credit_record_source l
                JOIN credit_record r ON r.completion_key = l.completion_key
                WHERE r.id_hash = ? AND r.study_year BETWEEN ? AND ? ORDER BY l.is_primary DESC, l.source_id
                """, rs -> {
            reportedBy.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        }, ids.hash(idNumber), from, to);
        return jdbc.query("""
                SELECT r.completion_key, r.city_code, r.course_name, r.subject, r.kind, r.amount, r.unit, r.hours,
                    r.completion_date, r.study_year, r.state, COALESCE(o.status, 'PENDING') AS push_status
                FROM credit_record r
                LEFT JOIN push_outbox o ON o.completion_key = r.completion_key AND o.revision = r.revision
                WHERE r.id_hash = ? AND r.study_year BETWEEN ? AND ?
                ORDER BY r.completion_date, r.course_name
                """, (rs, i) -> new PersonYear.Entry(rs.getString("completion_key"), rs.getString("city_code"),
                rs.getString("course_name"), Subject.valueOf(rs.getString("subject")), Kind.valueOf(rs.getString("kind")),
                rs.getBigDecimal("amount"), rs.getString("unit"), rs.getBigDecimal("hours"),
                rs.getDate("completion_date").toLocalDate(), rs.getInt("study_year"), rs.getString("state"),
                rs.getString("push_status"), reportedBy.getOrDefault(rs.getString("completion_key"), List.of())),
                ids.hash(idNumber), from, to);
    }

    /** The city whose platforms reported most of the year's hours (the province when only province-level ones did). */
    static String homeCity(List<PersonYear.Entry> entries, int year) {
        Map<String, BigDecimal> byCity = new HashMap<>();
        entries.stream().filter(e -> e.studyYear() == year)
                .forEach(e -> byCity.merge(e.cityCode(), e.hours(), BigDecimal::add));
        return homeCity(byCity);
    }

    private static String homeCity(Map<String, BigDecimal> hoursByCity) {
        return hoursByCity.entrySet().stream().filter(e -> !PROVINCE.equals(e.getKey()))
                // most hours; of equal ones the lower code, so the answer does not depend on map order
                .max(Map.Entry.<String, BigDecimal>comparingByValue()
                        .thenComparing(Map.Entry::getKey, java.util.Comparator.reverseOrder()))
                .map(Map.Entry::getKey).orElse(PROVINCE);
    }
}
