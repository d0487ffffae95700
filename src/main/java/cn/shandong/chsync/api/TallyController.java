package cn.shandong.chsync.api;

import cn.shandong.chsync.RequestRefused;
import cn.shandong.chsync.reconcile.DailyTally;
import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.security.AuditLog;
import cn.shandong.chsync.security.SignedIn;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClientException;

/**
 * The daily statement (对账) per source: fetched ↔ pushed ↔ taken by the province. GET reads a
 * day's stored statement and nothing else (a day never worked out has no rows: the nightly job or
 * POST /run works it out); POST /run works it out, writing the rows and asking the province.
 * format=csv gives the same as a spreadsheet-ready CSV (UTF-8 with BOM).
 */
@RestController
@RequestMapping("/api/tally")
public class TallyController {

    private static final String CSV_HEADER = "date,sourceId,runs,fetched,stored,quarantined,pushed,rejected,"
            + "provinceAccepted,provinceRejected,status";

    private final DailyTally tally;
    private final JdbcTemplate jdbc;
    private final AuditLog audit;

    TallyController(DailyTally tally, JdbcTemplate jdbc, AuditLog audit) {
        this.tally = tally;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The day's statement; a bureau's has the rows of its own city's platforms only. */
    @GetMapping
    public ResponseEntity<?> get(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                          @RequestParam(defaultValue = "json") String format) {
        LocalDate day = date == null ? LocalDate.now(CreditRecord.ZONE) : date;
        notBegun(day);
        // read-only: a GET that wrote rows and called the province would let every reader
        // (a bureau too) make the service do what only support may ask of it
        return answer(day, viewersCity(tally.stored(day)), format);
    }

    @PostMapping("/run")
    public ResponseEntity<?> run(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                          @RequestParam(defaultValue = "json") String format) {
        LocalDate day = date == null ? LocalDate.now(CreditRecord.ZONE) : date;
        List<DailyTally.Row> rows = work(day);
        audit.record("TALLY_RUN", "tally " + day, null);
        return answer(day, rows, format);
    }

    private List<DailyTally.Row> viewersCity(List<DailyTally.Row> rows) {
        return SignedIn.city().map(city -> {
            Set<String> sources = Set.copyOf(jdbc.queryForList("SELECT id FROM source WHERE city_code = ?", String.class, city));
            return rows.stream().filter(r -> sources.contains(r.sourceId())).toList();
        }).orElse(rows);
    }

    private static void notBegun(LocalDate day) {
        if (day.isAfter(LocalDate.now(CreditRecord.ZONE))) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "DAY_NOT_BEGUN", day + " has not begun: no statement yet", day.toString());
        }
    }

    private List<DailyTally.Row> work(LocalDate day) {
        notBegun(day);
        try {
            return tally.run(day);
        } catch (RestClientException e) {
            throw new RequestRefused(HttpStatus.BAD_GATEWAY, "PROVINCE_UNREACHABLE",
                    "the provincial platform's statement could not be read: " + e.getMessage());
        }
    }

    private static ResponseEntity<?> answer(LocalDate day, List<DailyTally.Row> rows, String format) {
        if (!format.equalsIgnoreCase("csv")) {
            return ResponseEntity.ok(rows);
        }
        java.io.StringWriter csv = new java.io.StringWriter().append("\uFEFF").append(CSV_HEADER).append("\r\n");
        try (CsvRows out = CsvRows.to(csv)) {
            for (DailyTally.Row r : rows) {
                out.row(r.date().toString(), r.sourceId(), r.runs(), r.fetched(), r.stored(), r.quarantined(), r.pushed(),
                        r.rejected(), r.provinceAccepted(), r.provinceRejected(), r.status());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"tally-" + day + ".csv\"")
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }
}
