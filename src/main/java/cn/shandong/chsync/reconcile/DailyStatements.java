package cn.shandong.chsync.reconcile;

import cn.shandong.chsync.RequestRefused;
import cn.shandong.chsync.pull.SourceTable;
import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.security.AuditLog;
import cn.shandong.chsync.security.SignedIn;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClientException;

/**
 * The daily statement (对账) per source as the API and the console give it: a day's stored
 * statement (a bureau's with its own city's platforms only), or the day worked out afresh by
 * support, audited. A day not begun has no statement.
 */
@Service
public class DailyStatements {

    private final DailyTally tally;
    private final SourceTable sources;
    private final AuditLog audit;

    DailyStatements(DailyTally tally, SourceTable sources, AuditLog audit) {
        this.tally = tally;
        this.sources = sources;
        this.audit = audit;
    }

    /**
     * The day's statement as stored, and nothing else: reading it writes no rows and asks the
     * province nothing, so every reader (a bureau too) cannot make the service do what only
     * support may ask of it. A day never worked out has no rows.
     */
    public List<DailyTally.Row> stored(LocalDate day) {
        notBegun(day);
        List<DailyTally.Row> rows = tally.stored(day);
        return SignedIn.city().map(city -> {
            Set<String> own = Set.copyOf(sources.idsOfCity(city));
            return rows.stream().filter(r -> own.contains(r.sourceId())).toList();
        }).orElse(rows);
    }

    /** Works the day out afresh: writes its rows, asks the province, files or resolves its TALLY items. */
    public List<DailyTally.Row> work(LocalDate day) {
        notBegun(day);
        List<DailyTally.Row> rows;
        try {
            rows = tally.run(day);
        } catch (RestClientException e) {
            throw new RequestRefused(HttpStatus.BAD_GATEWAY, "PROVINCE_UNREACHABLE",
                    "the provincial platform's statement could not be read: " + e.getMessage());
        }
        audit.record("TALLY_RUN", "tally " + day, null);
        return rows;
    }

    private static void notBegun(LocalDate day) {
        if (day.isAfter(LocalDate.now(CreditRecord.ZONE))) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "DAY_NOT_BEGUN", day + " has not begun: no statement yet", day.toString());
        }
    }
}
