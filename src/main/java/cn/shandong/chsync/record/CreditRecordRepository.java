package cn.shandong.chsync.record;

import cn.shandong.chsync.dedupe.PagePlan.RecordWrite;
import cn.shandong.chsync.dedupe.RecordKeys;
import cn.shandong.chsync.security.IdProtection;
import cn.shandong.chsync.sql.BulkInsert;
import cn.shandong.chsync.sql.Row;
import cn.shandong.chsync.sql.StatementRow;
import cn.shandong.chsync.sql.StatementShapes;
import cn.shandong.chsync.sql.TableRows;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The statements of the pull side on credit_record, the canonical records: which completions are
 * held, at which revision and by which source key, and a page's inserts and revisions. The ID number
 * is stored as its keyed hash (to find and match) and encrypted, never in clear.
 */
@Component
public class CreditRecordRepository {

    private static final String COLUMNS = """
            completion_key, revision, fingerprint, id_hash, id_cipher, person_name, employer_name, employer_code,
            city_code, source_id, source_record_id, course_id, course_name, subject, kind, amount, unit, hours,
            completion_date, study_year, certificate_no, state, created_at, updated_at, province_key""";
    private static final String UPDATE = """
            UPDATE credit_record SET revision = ?, fingerprint = ?, id_hash = ?, id_cipher = ?, person_name = ?,
                employer_name = ?, employer_code = ?, city_code = ?, source_id = ?, source_record_id = ?,
                course_id = ?, course_name = ?, subject = ?, kind = ?, amount = ?, unit = ?, hours = ?,
                completion_date = ?, study_year = ?, certificate_no = ?, state = ?,
                updated_at = ?
            WHERE completion_key = ?
            """;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final BulkInsert bulk;
    private final IdProtection ids;

    CreditRecordRepository(JdbcTemplate jdbc, BulkInsert bulk, IdProtection ids) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.bulk = bulk;
        this.ids = ids;
    }

    /** The current revision of each of these completions that is held. */
    public Map<String, Integer> revisions(Collection<String> keys) {
        Map<String, Integer> revisions = new HashMap<>();
        named.query("SELECT completion_key, revision FROM credit_record WHERE completion_key IN (:keys)",
                new MapSqlParameterSource("keys", StatementShapes.padded(keys)), rs -> {
                    revisions.put(rs.getString(1), rs.getInt(2));
                });
        return revisions;
    }

    /** Which of these completions are held. */
    public Set<String> held(Collection<String> keys) {
        Set<String> held = new HashSet<>();
        named.query("SELECT completion_key FROM credit_record WHERE completion_key IN (:keys)",
                new MapSqlParameterSource("keys", StatementShapes.padded(keys)), rs -> {
                    held.add(rs.getString(1));
                });
        return held;
    }

    /** The source key ("source|record id") each of these completions is held under. */
    public Map<String, String> owners(Collection<String> keys) {
        Map<String, String> owners = new HashMap<>();
        named.query("SELECT completion_key, source_id, source_record_id FROM credit_record WHERE completion_key IN (:keys)",
                new MapSqlParameterSource("keys", StatementShapes.padded(keys)), rs -> {
                    owners.put(rs.getString(1), rs.getString(2) + '|' + rs.getString(3));
                });
        return owners;
    }

    /**
     * Inserts new completions, in the order given, keeping out those whose key is held; answers
     * how many went in and, where the database names them, which were kept out.
     */
    public BulkInsert.Inserted insert(List<RecordWrite> inserts, LocalDateTime at, RecordKeys page) {
        return bulk.insertNamingKeptOut(TableRows.<RecordWrite>insertIgnore("credit_record", "uk_credit_record_key", COLUMNS,
                (row, w) -> content(row.text(w.completionKey()), w).time(at).time(at)
                        // the key the province knows the completion by, which only it is sent: encrypted like the ID number
                        .text(ids.encrypt(page.provinceKey(w.record())))), inserts);
    }

    /** Writes new revisions of held completions. */
    public void update(List<RecordWrite> updates, LocalDateTime at) {
        if (!updates.isEmpty()) {
            jdbc.batchUpdate(UPDATE, updates, updates.size(), (ps, w) -> {
                content(new StatementRow(ps), w).time(at).text(w.completionKey());
            });
        }
    }

    /** Revision to state, in the column order COLUMNS and UPDATE share. */
    private Row content(Row row, RecordWrite w) throws SQLException {
        CreditRecord r = w.record();
        return row.number(w.revision()).text(w.fingerprint()).text(ids.hash(r.idNumber())).text(ids.encrypt(r.idNumber()))
                .text(r.name()).text(r.employerName()).text(r.employerCode()).text(r.cityCode())
                .text(r.sourceId()).text(r.sourceRecordId()).text(r.courseId()).text(r.courseName())
                .text(r.subject().name()).text(r.kind().name()).decimal(r.amount()).text(r.unit().name())
                .decimal(r.hours()).date(r.completionDate()).number(r.studyYear()).text(r.certificateNo())
                .text(r.state().name());
    }

    /** A completion as held, without the person: what a trace of their hours lists. */
    public record Held(String completionKey, int revision, String courseName, String subject, String kind, BigDecimal hours,
                       LocalDate completionDate, int studyYear, String certificateNo, String state) {
    }

    /** Every completion held of one person (by the ID number's hash), by date and course. */
    public List<Held> ofPerson(String idHash) {
        return jdbc.query("""
                SELECT completion_key, revision, course_name, subject, kind, hours, completion_date, study_year,
                    certificate_no, state
                FROM credit_record WHERE id_hash = ? ORDER BY completion_date, course_name
                """, (rs, i) -> new Held(rs.getString("completion_key"), rs.getInt("revision"), rs.getString("course_name"),
                rs.getString("subject"), rs.getString("kind"), rs.getBigDecimal("hours"),
                rs.getDate("completion_date").toLocalDate(), rs.getInt("study_year"), rs.getString("certificate_no"),
                rs.getString("state")), idHash);
    }
}
