package cn.shandong.chsync.reconcile;

import cn.shandong.chsync.RequestRefused;
import cn.shandong.chsync.compliance.PersonYears;
import cn.shandong.chsync.push.OutboxRepository;
import cn.shandong.chsync.push.OutboxStatus;
import cn.shandong.chsync.record.CreditRecordRepository;
import cn.shandong.chsync.record.IdNumber;
import cn.shandong.chsync.record.LineageRepository;
import cn.shandong.chsync.record.RecordState;
import cn.shandong.chsync.record.Subject;
import cn.shandong.chsync.security.AuditLog;
import cn.shandong.chsync.security.IdProtection;
import cn.shandong.chsync.sql.Instants;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * "Where are my hours?": every completion of one person from fetch to the province's answer,
 * with the platforms that reported it (duplicates linked to the one pushed), and everything of
 * theirs in the reconciliation queue. The API and the console answer with it alike; each read
 * is audited, and a bureau sees its own city's people only.
 */
@Service
public class PersonTrace {

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

    private final CreditRecordRepository records;
    private final LineageRepository lineage;
    private final OutboxRepository outbox;
    private final ReconciliationItems items;
    private final PersonYears personYears;
    private final IdProtection ids;
    private final AuditLog audit;

    PersonTrace(CreditRecordRepository records, LineageRepository lineage, OutboxRepository outbox, ReconciliationItems items,
                PersonYears personYears, IdProtection ids, AuditLog audit) {
        this.records = records;
        this.lineage = lineage;
        this.outbox = outbox;
        this.items = items;
        this.personYears = personYears;
        this.ids = ids;
        this.audit = audit;
    }

    /** The person's trace, by the ID number as typed; refused (404) when nothing of theirs was ever fetched. */
    public Trace of(String idNumber) {
        String id = idNumber.strip().toUpperCase();
        if (id.isEmpty() || id.length() > 64) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "BAD_ID_NUMBER_LENGTH", "an ID number has 18 characters");
        }
        // a bureau asking of another city's person is answered as of one never fetched
        if (!personYears.ofViewersCity(id)) {
            throw notFetched(id);
        }
        String person = ids.hash(id);
        Map<String, List<Reported>> reported = new LinkedHashMap<>();
        for (LineageRepository.Report r : lineage.reportsOfPerson(person)) {
            reported.computeIfAbsent(r.completionKey(), k -> new ArrayList<>()).add(new Reported(r.sourceId(),
                    r.sourceRecordId(), r.primary(), r.revision(), r.firstRunId(), r.lastRunId(), r.firstSeen()));
        }
        Map<String, Push> pushes = new HashMap<>();
        for (OutboxRepository.PushState p : outbox.ofPerson(person)) {
            pushes.put(p.completionKey(), new Push(p.revision(), p.status(), p.result(), p.attempts(), p.doneAt(),
                    IdNumber.maskAny(p.lastError())));
        }
        List<Completion> completions = records.ofPerson(person).stream().map(held -> new Completion(held.completionKey(),
                held.revision(), held.courseName(), held.subject(), held.kind(), held.hours(), held.completionDate(),
                held.studyYear(), held.certificateNo(), held.state(), reported.getOrDefault(held.completionKey(), List.of()),
                // A stored revision with no outbox row is one its page handed to the push loops, not answered
                // yet (see PushHandoff): on its way, its page's write the first attempt.
                pushes.getOrDefault(held.completionKey(),
                        new Push(held.revision(), OutboxStatus.PENDING.name(), null, 1, null, null)))).toList();
        List<Problem> problems = items.ofPerson(person, (rs, i) -> new Problem(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), Instants.of(rs, "created_at")));
        if (completions.isEmpty() && problems.isEmpty()) {
            throw notFetched(id);
        }
        audit.record("PERSON_READ", "person " + person, "trace");
        return new Trace(IdNumber.mask(id), years(completions), completions, problems);
    }

    private static RequestRefused notFetched(String id) {
        return new RequestRefused(HttpStatus.NOT_FOUND, "NOTHING_FETCHED", "nothing of " + IdNumber.mask(id)
                + " has been fetched from any platform", IdNumber.mask(id));
    }

    private static List<Year> years(List<Completion> completions) {
        Map<Integer, BigDecimal[]> years = new TreeMap<>();
        for (Completion c : completions) {
            if (!RecordState.ACTIVE.name().equals(c.state())) {
                continue;
            }
            BigDecimal[] y = years.computeIfAbsent(c.studyYear(),
                    k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            int subject = Subject.PUBLIC.name().equals(c.subject()) ? 0 : 1;
            y[subject] = y[subject].add(c.hours());
            if (OutboxStatus.DONE.name().equals(c.push().status())) {
                y[2] = y[2].add(c.hours());
            } else if (OutboxStatus.PENDING.name().equals(c.push().status())) {
                y[3] = y[3].add(c.hours());
            }
        }
        List<Year> list = new ArrayList<>();
        years.forEach((year, y) -> list.add(new Year(year, y[0], y[1], y[2], y[3])));
        return list;
    }
}
