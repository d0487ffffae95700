package cn.shandong.chsync.api;

import cn.shandong.chsync.reconcile.DailyStatements;
import cn.shandong.chsync.reconcile.DailyTally;
import cn.shandong.chsync.record.CreditRecord;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

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

    private final DailyStatements statements;

    TallyController(DailyStatements statements) {
        this.statements = statements;
    }

    /** The day's statement; a bureau's has the rows of its own city's platforms only. */
    @GetMapping
    public ResponseEntity<?> get(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                                 @RequestParam(defaultValue = "json") String format) {
        LocalDate day = date == null ? LocalDate.now(CreditRecord.ZONE) : date;
        return answer(day, statements.stored(day), format);
    }

    @PostMapping("/run")
    public ResponseEntity<?> run(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                                 @RequestParam(defaultValue = "json") String format) {
        LocalDate day = date == null ? LocalDate.now(CreditRecord.ZONE) : date;
        return answer(day, statements.work(day), format);
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
