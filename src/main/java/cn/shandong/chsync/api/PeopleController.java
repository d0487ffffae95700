package cn.shandong.chsync.api;

import cn.shandong.chsync.RequestRefused;
import cn.shandong.chsync.compliance.ComplianceRules;
import cn.shandong.chsync.compliance.PersonYear;
import cn.shandong.chsync.compliance.TitleApplication;
import cn.shandong.chsync.compliance.PersonYears;
import cn.shandong.chsync.record.IdNumber;
import cn.shandong.chsync.security.AuditLog;
import cn.shandong.chsync.security.IdProtection;
import cn.shandong.chsync.security.SignedIn;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import cn.shandong.chsync.sql.Times;

/**
 * "Where are my hours?": every completion of one person from fetch to the province's answer,
 * with the platforms that reported it (duplicates linked to the one pushed), and everything of
 * theirs that is in the reconciliation queue.
 */
@RestController
@RequestMapping("/api/people")
public class PeopleController {

    private final JdbcTemplate jdbc;
    private final PersonYears personYears;
    private final IdProtection ids;
    private final AuditLog audit;
    private final cn.shandong.chsync.reconcile.ReconciliationItems items;

    PeopleController(JdbcTemplate jdbc, PersonYears personYears, IdProtection ids, AuditLog audit,
                     cn.shandong.chsync.reconcile.ReconciliationItems items) {
        this.items = items;
        this.jdbc = jdbc;
        this.personYears = personYears;
        this.ids = ids;
        this.audit = audit;
    }

    /** A person-year as the bureaus read it (ID number masked). */
    record YearView(String idNumber, PersonYear.Summary year) {
    }

    /**
     * Several years, as a title application reads them: every year, the term's average where the
     * credit system averages by purpose, and whether all are met (by the province's accepted hours;
     * allMetWithPending once the hours on their way arrive). cutoff cites why study after asOf is
     * left out.
     */
    record YearsView(String idNumber, int from, int to, ComplianceRules.Purpose purpose, LocalDate asOf, boolean allMet,
                     boolean allMetWithPending, List<TitleApplication.TermAverage> averages, List<PersonYear.Summary> years,
                     List<ComplianceRules.Citation> cutoff) {
    }

    /** A bureau's setting of the person's city, used when no record names a Shandong employer. */
    record CitySetting(String city, String reason) {
    }

    /**
     * The person-year: hours by subject and kind (credits in a credit year), met or what is
     * missing, and every record behind the numbers with its platforms. city: whose rules apply
     * (GB/T 2260), by default the city that reported most of the year's hours.
     */
    @GetMapping("/{idNumber}/years/{year}")
    YearView year(@PathVariable String idNumber, @PathVariable int year, @RequestParam(required = false) String city) {
        String id = known(idNumber);
        return new YearView(IdNumber.mask(id), personYears.year(id, year, city(city)));
    }

    /**
     * A title application's years from..to (default: the five years up to this one, as a 2024
     * applicant needs 2020-2024). purpose REVIEW (评审) or APPOINTMENT (聘用) averages the credit
     * years of the term by its threshold; asOf, the date the materials were submitted, leaves out
     * study completed after it.
     */
    @GetMapping("/{idNumber}/years")
    YearsView years(@PathVariable String idNumber, @RequestParam(required = false) Integer from,
                    @RequestParam(required = false) Integer to, @RequestParam(required = false) String purpose,
                    @RequestParam(required = false) LocalDate asOf, @RequestParam(required = false) String city) {
        return application(known(idNumber), from, to, purpose(purpose), asOf, city(city));
    }

    /** The title-application answer for a checked ID number: what a GET or a POST of the same question gives. */
    YearsView application(String id, Integer from, Integer to, ComplianceRules.Purpose purpose, LocalDate asOf, String city) {
        int last = to != null ? to : asOf != null ? asOf.getYear() : LocalDate.now(cn.shandong.chsync.record.CreditRecord.ZONE).getYear();
        int first = from != null ? from : last - 4;
        if (first > last || last - first > 20) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "BAD_YEAR_RANGE", "from..to: at most 21 years, from not after to");
        }
        TitleApplication a = personYears.application(id, first, last, purpose, asOf, city);
        return new YearsView(IdNumber.mask(id), first, last, purpose, asOf, a.allMet(), a.allMetWithPending(), a.averages(),
                a.years(), a.cutoff());
    }

    /**
     * A bureau sets the city whose rules apply to a person none of whose records names a Shandong
     * employer (by 属地 and 管理权限): its own city only; an administrator any. Audited.
     */
    @PutMapping("/{idNumber}/city")
    Map<String, String> setCity(@PathVariable String idNumber, @RequestBody CitySetting setting) {
        String id = idNumber.strip().toUpperCase();
        if (!IdNumber.check(id).valid()) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "BAD_ID_NUMBER", "not a valid ID number: " + IdNumber.mask(id), IdNumber.mask(id));
        }
        String city = city(setting == null ? null : setting.city());
        if (city == null) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "BAD_CITY", "city: a six-digit GB/T 2260 code");
        }
        if (SignedIn.city().filter(own -> !own.equals(city)).isPresent()) {
            throw new RequestRefused(HttpStatus.FORBIDDEN, "OWN_CITY_ONLY", "a bureau sets its own city only: " + SignedIn.city().get(), SignedIn.city().get());
        }
        if (!personYears.known(id)) {
            throw new RequestRefused(HttpStatus.NOT_FOUND, "NO_COMPLETIONS", "no completion of " + IdNumber.mask(id) + " is held", IdNumber.mask(id));
        }
        String reason = setting.reason() == null ? null : setting.reason().strip();
        if (reason != null && reason.length() > 200) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "REASON_TOO_LONG", "reason: at most 200 characters", 200);
        }
        personYears.setBureauCity(id, city, SignedIn.actor(), reason);
        audit.record("PERSON_CITY_SET", "person " + ids.hash(id), "city " + city + (reason == null ? "" : ": " + reason));
        return Map.of("idNumber", IdNumber.mask(id), "city", city);
    }

    private static ComplianceRules.Purpose purpose(String purpose) {
        if (purpose == null) {
            return null;
        }
        try {
            return ComplianceRules.Purpose.valueOf(purpose.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "BAD_PURPOSE", "purpose: REVIEW or APPOINTMENT");
        }
    }

    /**
     * The same look-ups with the ID number in the body, not the address: addresses end up in
     * proxies' logs and browsers' history. {"idNumber": …, "year": …, "from": …, "to": …, "city": …}
     */
    record PersonQuery(String idNumber, Integer year, Integer from, Integer to, String city, String purpose, LocalDate asOf) {

        String id() {
            if (idNumber == null || idNumber.isBlank()) {
                throw new RequestRefused(HttpStatus.BAD_REQUEST, "ID_NUMBER_REQUIRED", "idNumber: required");
            }
            return idNumber;
        }
    }

    @PostMapping("/year")
    YearView yearByPost(@RequestBody PersonQuery query) {
        if (query.year() == null) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "YEAR_REQUIRED", "year: required");
        }
        return year(query.id(), query.year(), query.city());
    }

    @PostMapping("/years")
    YearsView yearsByPost(@RequestBody PersonQuery query) {
        return application(known(query.id()), query.from(), query.to(), purpose(query.purpose()), query.asOf(),
                city(query.city()));
    }

    @PostMapping("/trace")
    public Trace traceByPost(@RequestBody PersonQuery query) {
        return trace(query.id());
    }

    private String known(String idNumber) {
        String id = idNumber.strip().toUpperCase();
        if (!IdNumber.check(id).valid()) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "BAD_ID_NUMBER", "not a valid ID number: " + IdNumber.mask(id), IdNumber.mask(id));
        }
        if (!personYears.known(id) || !ofViewersCity(id)) {
            throw new RequestRefused(HttpStatus.NOT_FOUND, "NO_COMPLETIONS", "no completion of " + IdNumber.mask(id) + " is held", IdNumber.mask(id));
        }
        audit.record("PERSON_READ", "person " + ids.hash(id), "years");
        return id;
    }

    /**
     * A bureau reads its own city's people only; another city's person is answered as one not
     * held, so a bureau cannot learn who is held elsewhere.
     */
    private boolean ofViewersCity(String id) {
        return SignedIn.city().map(city -> personYears.ofCity(id, city)).orElse(true);
    }

    private static String city(String city) {
        if (city != null && !city.matches("\\d{6}")) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "BAD_CITY", "city: a six-digit GB/T 2260 code");
        }
        return city;
    }

    /** One platform's report of the completion; primary is the one whose content was pushed. */
    public record Reported(String sourceId, String sourceRecordId, boolean primary, int revision, long firstRunId,
                    long lastRunId, Instant firstSeen) {
    }

    /** The completion's way to the province: PENDING, DONE (taken), REJECTED or FAILED. */
    public record Push(int revision, String status, String result, int attempts, Instant doneAt, String lastError) {
    }

    public record Completion(String completionKey, int revision, String courseName, String subject, String kind,
                      BigDecimal hours, LocalDate completionDate, int studyYear, String certificateNo, String state,
                      List<Reported> reportedBy, Push push) {
    }

    public record Problem(long id, String sourceId, String stage, String reasonCode, String status, String message,
                   String sourceRecordId, Instant createdAt) {
    }

    /** Hours per study year: taken by the province, on their way, and of ACTIVE records in all. */
    public record Year(int year, BigDecimal publicHours, BigDecimal professionalHours, BigDecimal atProvince,
                BigDecimal onTheWay) {
    }

    public record Trace(String idNumber, List<Year> years, List<Completion> completions, List<Problem> reconciliation) {
    }

    @GetMapping("/{idNumber}/trace")
    public Trace trace(@PathVariable String idNumber) {
        String id = idNumber.strip().toUpperCase();
        if (id.isEmpty() || id.length() > 64) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "BAD_ID_NUMBER_LENGTH", "an ID number has 18 characters");
        }
        if (!ofViewersCity(id)) {
            throw notFetched(id);
        }
        String person = ids.hash(id);
        Map<String, List<Reported>> reported = new LinkedHashMap<>();
        jdbc.query("""
                SELECT l.completion_key, l.source_id, l.source_record_id, l.is_primary, l.revision, l.first_run_id,
                    l.last_run_id, l.created_at
                FROM credit_record_source l JOIN credit_record r ON r.completion_key = l.completion_key
                WHERE r.id_hash = ? ORDER BY l.is_primary DESC, l.created_at, l.source_id
                """, rs -> {
            reported.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Reported(rs.getString(2),
                    rs.getString(3), rs.getBoolean(4), rs.getInt(5), rs.getLong(6), rs.getLong(7), Times.instant(rs, "created_at")));
        }, person);
        Map<String, Push> pushes = new LinkedHashMap<>();
        jdbc.query("""
                SELECT o.completion_key, o.revision, o.status, o.result, o.attempts, o.done_at, o.last_error
                FROM push_outbox o JOIN credit_record r ON r.completion_key = o.completion_key AND r.revision = o.revision
                WHERE r.id_hash = ?
                """, rs -> {
            pushes.put(rs.getString(1), new Push(rs.getInt(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                    Times.instant(rs, "done_at"), IdNumber.maskAny(rs.getString(7))));
        }, person);
        List<Completion> completions = jdbc.query("""
                SELECT completion_key, revision, course_name, subject, kind, hours, completion_date, study_year,
                    certificate_no, state
                FROM credit_record WHERE id_hash = ? ORDER BY completion_date, course_name
                """, (rs, i) -> completion(rs, reported, pushes), person);
        List<Problem> problems = items.ofPerson(person, (rs, i) -> new Problem(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), Times.instant(rs, "created_at")));
        if (completions.isEmpty() && problems.isEmpty()) {
            throw notFetched(id);
        }
        audit.record("PERSON_READ", "person " + person, "trace");
        return new Trace(IdNumber.mask(id), years(completions), completions, problems);
    }

    private static ResponseStatusException notFetched(String id) {
        return new RequestRefused(HttpStatus.NOT_FOUND, "NOTHING_FETCHED", "nothing of " + IdNumber.mask(id)
                + " has been fetched from any platform", IdNumber.mask(id));
    }

    private static Completion completion(ResultSet rs, Map<String, List<Reported>> reported, Map<String, Push> pushes)
            throws SQLException {
        String key = rs.getString("completion_key");
        // A stored revision with no outbox row is one its page handed to the push loops, not answered
        // yet (see PushHandoff): on its way, its page's write the first attempt.
        Push push = pushes.getOrDefault(key, new Push(rs.getInt("revision"), "PENDING", null, 1, null, null));
        return new Completion(key, rs.getInt("revision"), rs.getString("course_name"), rs.getString("subject"),
                rs.getString("kind"), rs.getBigDecimal("hours"), rs.getDate("completion_date").toLocalDate(),
                rs.getInt("study_year"), rs.getString("certificate_no"), rs.getString("state"),
                reported.getOrDefault(key, List.of()), push);
    }

    private static List<Year> years(List<Completion> completions) {
        Map<Integer, BigDecimal[]> years = new TreeMap<>();
        for (Completion c : completions) {
            if (!"ACTIVE".equals(c.state())) {
                continue;
            }
            BigDecimal[] y = years.computeIfAbsent(c.studyYear(),
                    k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            y["PUBLIC".equals(c.subject()) ? 0 : 1] = y["PUBLIC".equals(c.subject()) ? 0 : 1].add(c.hours());
            boolean taken = c.push() != null && "DONE".equals(c.push().status());
            boolean waiting = c.push() != null && "PENDING".equals(c.push().status());
            if (taken) {
                y[2] = y[2].add(c.hours());
            } else if (waiting) {
                y[3] = y[3].add(c.hours());
            }
        }
        List<Year> list = new ArrayList<>();
        years.forEach((year, y) -> list.add(new Year(year, y[0], y[1], y[2], y[3])));
        return list;
    }
}
