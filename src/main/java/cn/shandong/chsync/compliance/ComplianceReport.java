package cn.shandong.chsync.compliance;

import cn.shandong.chsync.record.IdNumber;
import cn.shandong.chsync.security.IdProtection;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * Who met the year's requirement: one row per person of a city (the person's city as
 * {@link PersonCity} finds it: employer, bureau's setting, most hours), optionally of one employer,
 * and a summary per employer. Met counts what the province accepted; the hours on their way and
 * whether the year is met with them are columns of their own. The year's records are read in one
 * pass ordered by person, each person judged as the person-year view judges them, and written out
 * at once: memory stays bounded however many people a city has.
 */
@Component
public class ComplianceReport {

    /**
     * One person's line; {@code shortfall} is what falls short of the requirement (public,
     * professional, total → hours; credits), said in the reader's language by the report
     * ({@link ReportWords}) and the console.
     */
    public record Line(String idNumber, String name, String employer, String employerCode, BigDecimal publicHours,
                       BigDecimal professionalHours, BigDecimal totalHours, BigDecimal credits, boolean met,
                       Map<String, BigDecimal> shortfall, BigDecimal pendingHours, boolean metWithPending,
                       PersonCity.Basis cityBasis) {
    }

    /** One employer's headcount and how many met the requirement. */
    public record EmployerSummary(String employer, String employerCode, int people, int met) {

        public BigDecimal rate() {
            return people == 0 ? BigDecimal.ZERO
                    : BigDecimal.valueOf(met).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(people), 1, RoundingMode.HALF_UP);
        }
    }

    private final HeldCompletions held;
    private final PersonYears personYears;
    private final IdProtection ids;

    ComplianceReport(HeldCompletions held, PersonYears personYears, IdProtection ids) {
        this.ids = ids;
        this.held = held;
        this.personYears = personYears;
    }

    /**
     * Judges every person with records in the year, grouped by person (in the order of their keyed hash), and hands the lines of
     * the city (and employer, when given) to {@code sink}; answers the employers' summaries.
     */
    public List<EmployerSummary> run(String city, int year, String employer, boolean masked, Consumer<Line> sink) {
        Map<String, int[]> employers = new TreeMap<>();
        Map<String, String> employerNames = new TreeMap<>();
        List<PersonYear.Entry> person = new ArrayList<>();
        // [0] the person's keyed hash (rows come grouped by it), [1] name, [2] employer, [3] its code, [4] the ID encrypted,
        // [5] the city a bureau set for the person
        String[] current = new String[6];
        // a make-up completed in a later year counts for the year it makes up: that year's records are read too
        int makeUpYear = year < personYears.rules().lastMakeUpYear() ? personYears.rules().lastMakeUpYear() : year;
        held.ofYears(year, makeUpYear, row -> {
            if (current[0] != null && !current[0].equals(row.idHash())) {
                emit(current, person, city, year, employer, masked, sink, employers, employerNames);
            }
            current[0] = row.idHash();
            current[4] = row.idCipher();
            current[1] = row.personName();
            // the employer of the person's latest record of the year
            current[2] = row.employerName();
            current[3] = row.employerCode();
            current[5] = row.bureauCity();
            person.add(row.entry());
        });
        if (current[0] != null) {
            emit(current, person, city, year, employer, masked, sink, employers, employerNames);
        }
        List<EmployerSummary> summaries = new ArrayList<>();
        employers.forEach((key, counts) -> summaries.add(new EmployerSummary(employerNames.get(key),
                key.startsWith("code:") ? key.substring(5) : null, counts[0], counts[1])));
        return summaries;
    }

    private void emit(String[] p, List<PersonYear.Entry> entries, String city, int year, String employer, boolean masked,
                      Consumer<Line> sink, Map<String, int[]> employers, Map<String, String> employerNames) {
        try {
            PersonCity home = PersonCity.of(entries, year, p[5]);
            boolean ofEmployer = employer == null || employer.equals(p[3]) || employer.equals(p[2]);
            if (!home.city().equals(city) || !ofEmployer) {
                return;
            }
            PersonYear.Summary s = PersonYear.of(personYears.rules(), home, year, entries, null);
            if (s.records().isEmpty()) {
                // only records of the make-up year, none of them for this year
                return;
            }
            String idNumber = ids.decrypt(p[4]);
            sink.accept(new Line(masked ? IdNumber.mask(idNumber) : idNumber, p[1], p[2], p[3], s.publicHours(), s.professionalHours(),
                    s.totalHours(), s.credits(), s.met(), java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(s.missing())), s.pendingHours(), s.metWithPending(),
                    s.cityBasis()));
            String key = p[3] != null ? "code:" + p[3] : "name:" + (p[2] == null ? "" : p[2]);
            // no employer named: an empty name, which the report and the page say in their language
            employerNames.putIfAbsent(key, p[2] == null ? "" : p[2]);
            int[] counts = employers.computeIfAbsent(key, k -> new int[2]);
            counts[0]++;
            counts[1] += s.met() ? 1 : 0;
        } finally {
            entries.clear();
        }
    }

    /** The whole report as an XLSX workbook: sheet 人员 (one row per person) and 单位汇总 (per employer), in words' language. */
    public void writeXlsx(String city, int year, String employer, boolean masked, ReportWords words, OutputStream out)
            throws IOException {
        try (SXSSFWorkbook book = new SXSSFWorkbook(200)) {
            book.setCompressTempFiles(true);
            CellStyle bold = book.createCellStyle();
            var font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            SXSSFSheet people = book.createSheet(words.word("sheet.people"));
            header(people, words.headers(), bold);
            int[] row = {1};
            List<EmployerSummary> summaries = run(city, year, employer, masked, line -> {
                Row r = people.createRow(row[0]++);
                r.createCell(0).setCellValue(line.idNumber());
                r.createCell(1).setCellValue(line.name());
                r.createCell(2).setCellValue(line.employer() == null ? "" : line.employer());
                r.createCell(3).setCellValue(line.employerCode() == null ? "" : line.employerCode());
                r.createCell(4).setCellValue(line.publicHours().doubleValue());
                r.createCell(5).setCellValue(line.professionalHours().doubleValue());
                r.createCell(6).setCellValue(line.totalHours().doubleValue());
                if (line.credits() != null) {
                    r.createCell(7).setCellValue(line.credits().doubleValue());
                }
                r.createCell(8).setCellValue(words.met(line.met()));
                r.createCell(9).setCellValue(words.shortfall(line.shortfall()));
                r.createCell(10).setCellValue(line.pendingHours().doubleValue());
                r.createCell(11).setCellValue(words.met(line.metWithPending()));
                r.createCell(12).setCellValue(words.basis(line.cityBasis()));
            });
            Sheet summary = book.createSheet(words.word("sheet.employers"));
            header(summary, words.summaryHeaders(), bold);
            int i = 1;
            for (EmployerSummary s : summaries) {
                Row r = summary.createRow(i++);
                r.createCell(0).setCellValue(s.employer().isEmpty() ? words.word("noEmployer") : s.employer());
                r.createCell(1).setCellValue(s.employerCode() == null ? "" : s.employerCode());
                r.createCell(2).setCellValue(s.people());
                r.createCell(3).setCellValue(s.met());
                r.createCell(4).setCellValue(s.rate().toPlainString() + "%");
            }
            book.write(out);
            book.dispose();
        }
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** The people rows as CSV (UTF-8 with a BOM, so Excel reads the Chinese headers), in words' language. */
    public void writeCsv(String city, int year, String employer, boolean masked, ReportWords words, Writer out)
            throws IOException {
        out.write("\uFEFF");
        try (cn.shandong.chsync.api.CsvRows rows = cn.shandong.chsync.api.CsvRows.to(out)) {
            rows.row((Object[]) words.headers());
            run(city, year, employer, masked, line -> {
                try {
                    rows.row(line.idNumber(), line.name(), line.employer(), line.employerCode(), plain(line.publicHours()),
                            plain(line.professionalHours()), plain(line.totalHours()),
                            line.credits() == null ? "" : plain(line.credits()), words.met(line.met()),
                            words.shortfall(line.shortfall()), plain(line.pendingHours()), words.met(line.metWithPending()),
                            words.basis(line.cityBasis()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
    }

    private static void header(Sheet sheet, String[] headers, CellStyle style) {
        Row r = sheet.createRow(0);
        for (int i = 0; i < headers.length; i++) {
            var cell = r.createCell(i);
            cell.setCellValue(headers[i]);
            cell.setCellStyle(style);
        }
    }
}
