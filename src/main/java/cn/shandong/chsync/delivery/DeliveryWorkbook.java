package cn.shandong.chsync.delivery;

import cn.shandong.chsync.compliance.ComplianceReport;
import cn.shandong.chsync.pull.SourceTable;
import cn.shandong.chsync.reconcile.DailyTally;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * The workbook a subscription receives for a month: the compliance report of the month's year
 * (the report's own XLSX, masked as the subscription requires), or the month's daily statements
 * of the city's platforms (no ID numbers in them).
 */
@Component
class DeliveryWorkbook {

    static final String[] STATEMENT_HEADERS = {"日期", "平台", "同步次数", "拉取", "入库", "隔离", "推送", "退回",
        "省平台接收", "省平台退回", "状态"};

    private final ComplianceReport compliance;
    private final DailyTally tally;
    private final SourceTable sources;
    private final org.springframework.context.MessageSource messages;

    DeliveryWorkbook(ComplianceReport compliance, DailyTally tally, SourceTable sources,
                     org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.compliance = compliance;
        this.tally = tally;
        this.sources = sources;
    }

    /** The file name the recipient sees. */
    static String fileName(Subscription s, YearMonth month) {
        return s.report() == Subscription.Report.COMPLIANCE
                ? "compliance-" + s.cityCode() + "-" + month.getYear() + ".xlsx"
                : "statement-" + s.cityCode() + "-" + month + ".xlsx";
    }

    void write(Subscription s, YearMonth month, OutputStream out) throws IOException {
        if (s.report() == Subscription.Report.COMPLIANCE) {
            // in the subscription's language, as a bureau reading the report in the console would see it
            compliance.writeXlsx(s.cityCode(), month.getYear(), null, s.masked(),
                    new cn.shandong.chsync.compliance.ReportWords(messages, s.locale()), out);
        } else {
            statement(s.cityCode(), month, out);
        }
    }

    private void statement(String city, YearMonth month, OutputStream out) throws IOException {
        Set<String> ownSources = Set.copyOf(sources.idsOfCity(city));
        try (SXSSFWorkbook book = new SXSSFWorkbook(200)) {
            CellStyle bold = book.createCellStyle();
            var font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            Sheet sheet = book.createSheet("对账");
            Row header = sheet.createRow(0);
            for (int i = 0; i < STATEMENT_HEADERS.length; i++) {
                header.createCell(i).setCellValue(STATEMENT_HEADERS[i]);
                header.getCell(i).setCellStyle(bold);
            }
            int n = 1;
            for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
                List<DailyTally.Row> rows = tally.stored(day).stream().filter(r -> ownSources.contains(r.sourceId())).toList();
                for (DailyTally.Row r : rows) {
                    Row row = sheet.createRow(n++);
                    row.createCell(0).setCellValue(r.date().toString());
                    row.createCell(1).setCellValue(r.sourceId());
                    int[] counts = {r.runs(), r.fetched(), r.stored(), r.quarantined(), r.pushed(), r.rejected(),
                        r.provinceAccepted(), r.provinceRejected()};
                    for (int i = 0; i < counts.length; i++) {
                        row.createCell(2 + i).setCellValue(counts[i]);
                    }
                    row.createCell(10).setCellValue(r.status());
                }
            }
            book.write(out);
            book.dispose();
        }
    }
}
