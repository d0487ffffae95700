package cn.shandong.chsync.api;

import cn.shandong.chsync.RequestRefused;
import cn.shandong.chsync.Texts;
import cn.shandong.chsync.compliance.ComplianceReport;
import cn.shandong.chsync.compliance.ReportWords;
import cn.shandong.chsync.security.AuditLog;
import cn.shandong.chsync.security.SignedIn;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The bureaus' compliance report of a city and year (optionally one employer), as XLSX (sheets
 * 人员 and 单位汇总) or CSV, written while it is read.
 */
@RestController
@RequestMapping("/api/reports")
class ReportsController {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final ComplianceReport report;
    private final AuditLog audit;

    private final MessageSource messages;

    ReportsController(ComplianceReport report, AuditLog audit, MessageSource messages) {
        this.report = report;
        this.audit = audit;
        this.messages = messages;
    }

    /**
     * idNumbers=clear gives the ID numbers in clear (a bureau following its people up), audited;
     * by default they are masked. A bureau asks for its own city only.
     */
    @GetMapping("/compliance")
    ResponseEntity<StreamingResponseBody> compliance(@RequestParam String city, @RequestParam int year,
                                                     @RequestParam(required = false) String employer,
                                                     @RequestParam(defaultValue = "xlsx") String format,
                                                     @RequestParam(defaultValue = "masked") String idNumbers) {
        if (!city.matches("\\d{6}")) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "BAD_CITY", "city: a six-digit GB/T 2260 code");
        }
        if (SignedIn.city().filter(own -> !own.equals(city)).isPresent()) {
            throw new RequestRefused(HttpStatus.FORBIDDEN, "OWN_CITY_ONLY", "a bureau reads its own city's report: " + SignedIn.city().get(), SignedIn.city().get());
        }
        if (!idNumbers.equals("masked") && !idNumbers.equals("clear")) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "BAD_ID_NUMBERS_OPTION", "idNumbers: masked or clear");
        }
        boolean masked = idNumbers.equals("masked") || !SignedIn.seesClearIdNumbers();
        if (!masked) {
            audit.record("ID_NUMBER_READ", "compliance " + city + " " + year, "report with ID numbers in clear, "
                    + format + (employer == null ? "" : ", employer " + employer));
        }
        if (year < 2015 || year > 2100) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "BAD_YEAR", "year: 2015 or later");
        }
        String name = "compliance-" + city + "-" + year;
        // the request's language, taken now: the body is written on another thread
        ReportWords words = new ReportWords(messages, Texts.locale());
        return switch (format.toLowerCase()) {
            case "xlsx" -> ResponseEntity.ok().contentType(XLSX)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".xlsx\"")
                    .body(out -> report.writeXlsx(city, year, employer, masked, words, out));
            case "csv" -> ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"")
                    .body(out -> report.writeCsv(city, year, employer, masked, words,
                            new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))));
            default -> throw new RequestRefused(HttpStatus.BAD_REQUEST, "BAD_FORMAT", "format: xlsx or csv");
        };
    }
}
