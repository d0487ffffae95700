package cn.shandong.chsync.compliance;

import cn.shandong.chsync.compliance.ComplianceRules.Purpose;
import cn.shandong.chsync.record.Kind;
import cn.shandong.chsync.record.Subject;
import cn.shandong.chsync.security.IdProtection;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
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
 * answer, judged by the rules of compliance-rules.yaml (loaded and checked at start-up) of the
 * person's city ({@link PersonCity}).
 */
@Component
public class PersonYears {

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

    /** The person's year; {@code city} null: the person's own city, else that city's rules as asked for. */
    public PersonYear.Summary year(String idNumber, int year, String city) {
        return years(idNumber, year, year, city, null).get(0);
    }

    /** Years from..to, each by the person's city of that year (or {@code city}'s rules); asOf may be null. */
    public List<PersonYear.Summary> years(String idNumber, int from, int to, String city, LocalDate asOf) {
        // a make-up completed in a later year counts for the year it makes up: read up to that year too
        List<PersonYear.Entry> entries = entries(idNumber, from, Math.max(to, from <= rules.lastMakeUpYear() ? rules.lastMakeUpYear() : to));
        String bureau = bureauCity(idNumber);
        List<PersonYear.Summary> years = new ArrayList<>();
        for (int year = from; year <= to; year++) {
            PersonCity personCity = city != null ? new PersonCity(city, PersonCity.Basis.REQUESTED) : PersonCity.of(entries, year, bureau);
            years.add(PersonYear.of(rules, personCity, year, entries, asOf));
        }
        return years;
    }

    /**
     * A title application's years: each year, the term's average where the credit system
     * averages by purpose, study after {@code asOf} left out, and whether all are met.
     */
    public TitleApplication application(String idNumber, int from, int to, Purpose purpose, LocalDate asOf, String city) {
        return TitleApplication.of(rules, years(idNumber, from, to, city, asOf), purpose, asOf);
    }

    /** Whether anything of the person is held at all. */
    public boolean known(String idNumber) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM credit_record WHERE id_hash = ?", Integer.class, ids.hash(idNumber));
        return n != null && n > 0;
    }

    /**
     * Whether the person is one of the city's: in some year of theirs the city is their city, as
     * the compliance report counts them. What a bureau may read.
     */
    public boolean ofCity(String idNumber, String city) {
        List<PersonYear.Entry> entries = entries(idNumber, 0, 9999);
        String bureau = bureauCity(idNumber);
        return entries.stream().map(PersonYear.Entry::studyYear).distinct()
                .anyMatch(year -> city.equals(PersonCity.of(entries, year, bureau).city()));
    }

    /** The city a bureau set for the person, or null. */
    public String bureauCity(String idNumber) {
        List<String> city = jdbc.queryForList("SELECT city_code FROM person_city WHERE id_hash = ?", String.class, ids.hash(idNumber));
        return city.isEmpty() ? null : city.get(0);
    }

    /** A bureau sets the person's city (used when no record carries a Shandong employer code). */
    public void setBureauCity(String idNumber, String city, String by, String reason) {
        String hash = ids.hash(idNumber);
        Timestamp now = Timestamp.from(Instant.now());
        // an update first, an insert when there was nothing to update: two bureaus setting one person at once
        // meet at the primary key, and the loser's insert fails rather than both rows standing
        if (jdbc.update("UPDATE person_city SET city_code = ?, set_by = ?, reason = ?, set_at = ? WHERE id_hash = ?",
                city, by, reason, now, hash) == 0) {
            jdbc.update("INSERT INTO person_city (id_hash, city_code, set_by, reason, set_at) VALUES (?, ?, ?, ?, ?)",
                    hash, city, by, reason, now);
        }
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
                SELECT r.completion_key, r.city_code, r.employer_code, r.course_name, r.subject, r.kind, r.amount, r.unit,
                    r.hours, r.completion_date, r.study_year, r.state, COALESCE(o.status, 'PENDING') AS push_status
                FROM credit_record r
                LEFT JOIN push_outbox o ON o.completion_key = r.completion_key AND o.revision = r.revision
                WHERE r.id_hash = ? AND r.study_year BETWEEN ? AND ?
                ORDER BY r.completion_date, r.course_name
                """, (rs, i) -> new PersonYear.Entry(rs.getString("completion_key"), rs.getString("city_code"),
                rs.getString("employer_code"), rs.getString("course_name"), Subject.valueOf(rs.getString("subject")),
                Kind.valueOf(rs.getString("kind")), rs.getBigDecimal("amount"), rs.getString("unit"), rs.getBigDecimal("hours"),
                rs.getDate("completion_date").toLocalDate(), rs.getInt("study_year"), rs.getString("state"),
                rs.getString("push_status"), reportedBy.getOrDefault(rs.getString("completion_key"), List.of())),
                ids.hash(idNumber), from, to);
    }
}
