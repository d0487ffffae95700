package cn.shandong.chsync.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CsvRowsTest {

    @Test
    void aCellASpreadsheetWouldTakeForAFormulaIsDefused() throws Exception {
        StringWriter out = new StringWriter();
        try (CsvRows rows = CsvRows.to(out)) {
            rows.row("=HYPERLINK(\"http://x\",\"y\")", "+1", "-2", "@SUM(A1)", "\tcmd", "\rcmd", "李四");
        }
        assertThat(out.toString()).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+1,'-2,'@SUM(A1),'\tcmd,\"'\rcmd\",李四\r\n");
    }

    @Test
    void cellsAreQuotedWhereTheyNeedItAndNumbersStayNumbers() throws Exception {
        StringWriter out = new StringWriter();
        try (CsvRows rows = CsvRows.to(out)) {
            rows.row("a,b", "say \"hi\"", "two\nlines", "公需 3 学时", new BigDecimal("12.50"), 7, null);
        }
        assertThat(out.toString()).isEqualTo("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",公需 3 学时,12.5,7,\r\n");
    }
}
