package cn.shandong.chsync.compliance;

import cn.shandong.chsync.push.OutboxStatus;
import cn.shandong.chsync.record.Kind;
import cn.shandong.chsync.record.Subject;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The bureaus' reads of the merged data, and the owner of person_city: one person's completions
 * with the platforms that reported them and the province's answer, and a year's completions of
 * everyone, person by person, for the compliance report. These read credit_record with
 * push_outbox and the lineage joined, and write none of them: those tables' writes stay with
 * record.CreditRecordRepository, record.LineageRepository and push.OutboxRepository. A completion
 * with no outbox row was handed to the push loops and is not answered yet: PENDING.
 */
@Component
public class HeldCompletions {

    /** A completion of the year's stream, with what the report says of its person. */
    public record PersonEntry(String idHash, String idCipher, String personName, String employerName, String employerCode,
                              String bureauCity, PersonYear.Entry entry) {
    }

    private static final String ENTRY_COLUMNS = """
            r.completion_key, r.city_code, r.employer_code, r.course_name, r.subject, r.kind, r.amount, r.unit, r.hours,
            r.completion_date, r.study_year, r.state, COALESCE(o.status, '%s') AS push_status
            """.formatted(OutboxStatus.PENDING);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    HeldCompletions(DataSource dataSource, JdbcTemplate jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** Whether anything of the person (by the ID number's keyed hash) is held at all. */
    public boolean anyOf(String idHash) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM credit_record WHERE id_hash = ?", Integer.class, idHash);
        return n != null && n > 0;
    }

    /** The city a bureau set for the person, or null. */
    public String bureauCity(String idHash) {
        List<String> city = jdbc.queryForList("SELECT city_code FROM person_city WHERE id_hash = ?", String.class, idHash);
        return city.isEmpty() ? null : city.get(0);
    }

    /**
     * Sets the person's city. An update first, an insert when there was nothing to update: two
     * bureaus setting one person at once meet at the primary key, and the loser's insert fails
     * rather than both rows standing.
     */
    public void setBureauCity(String idHash, String city, String by, String reason, Timestamp now) {
        if (jdbc.update("UPDATE person_city SET city_code = ?, set_by = ?, reason = ?, set_at = ? WHERE id_hash = ?",
                city, by, reason, now, idHash) == 0) {
            jdbc.update("INSERT INTO person_city (id_hash, city_code, set_by, reason, set_at) VALUES (?, ?, ?, ?, ?)",
                    idHash, city, by, reason, now);
        }
    }

    /** The person's completions of the study years from..to, by date and course, each with the platforms that reported it. */
    public List<PersonYear.Entry> ofPerson(String idHash, int from, int to) {
        Map<String, List<String>> reportedBy = new HashMap<>();
        jdbc.query("""
                SELECT l.completion_key, l.source_id FROM credit_record_source l
                JOIN credit_record r ON r.completion_key = l.completion_key
                WHERE r.id_hash = ? AND r.study_year BETWEEN ? AND ? ORDER BY l.is_primary DESC, l.source_id
                """, rs -> {
            reportedBy.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        }, idHash, from, to);
        return jdbc.query("SELECT " + ENTRY_COLUMNS + """
                FROM credit_record r
                LEFT JOIN push_outbox o ON o.completion_key = r.completion_key AND o.revision = r.revision
                WHERE r.id_hash = ? AND r.study_year BETWEEN ? AND ?
                ORDER BY r.completion_date, r.course_name
                """, (rs, i) -> entry(rs, reportedBy.getOrDefault(rs.getString("completion_key"), List.of())), idHash, from, to);
    }

    /**
     * Every completion of the two study years (the year, and the later one whose make-ups count
     * for it), grouped by person in the order of their keyed hash, streamed to {@code sink} rather
     * than held: a province's year is millions of rows.
     */
    public void ofYears(int year, int makeUpYear, Consumer<PersonEntry> sink) {
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(streamingFetchSize());
        streaming.query("SELECT r.id_hash, r.id_cipher, r.person_name, r.employer_name, pc.city_code AS bureau_city, "
                + ENTRY_COLUMNS + """
                FROM credit_record r
                LEFT JOIN push_outbox o ON o.completion_key = r.completion_key AND o.revision = r.revision
                LEFT JOIN person_city pc ON pc.id_hash = r.id_hash
                WHERE r.study_year IN (?, ?)
                ORDER BY r.id_hash, r.completion_date
                """, (ResultSet rs) -> {
            sink.accept(new PersonEntry(rs.getString("id_hash"), rs.getString("id_cipher"), rs.getString("person_name"),
                    rs.getString("employer_name"), rs.getString("employer_code"), rs.getString("bureau_city"),
                    entry(rs, List.of())));
        }, year, makeUpYear);
    }

    private static PersonYear.Entry entry(ResultSet rs, List<String> reportedBy) throws SQLException {
        return new PersonYear.Entry(rs.getString("completion_key"), rs.getString("city_code"), rs.getString("employer_code"),
                rs.getString("course_name"), Subject.valueOf(rs.getString("subject")), Kind.valueOf(rs.getString("kind")),
                rs.getBigDecimal("amount"), rs.getString("unit"), rs.getBigDecimal("hours"),
                rs.getDate("completion_date").toLocalDate(), rs.getInt("study_year"), rs.getString("state"),
                rs.getString("push_status"), reportedBy);
    }

    /** MySQL's driver streams a result only with this fetch size; H2 takes a plain one. */
    private int streamingFetchSize() {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            return meta.getDatabaseProductName().toLowerCase().contains("h2") ? 1000 : Integer.MIN_VALUE;
        } catch (SQLException e) {
            return 1000;
        }
    }
}
