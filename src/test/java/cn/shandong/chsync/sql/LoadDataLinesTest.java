package cn.shandong.chsync.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadDataLinesTest {

    record Item(String text, long number, BigDecimal decimal, LocalDate date, LocalDateTime time, boolean flag) {
    }

    private static final TableRows<Item> ROWS = TableRows.insert("probe", "t, n, d, day, at, f", (row, i) ->
            row.text(i.text()).number(i.number()).decimal(i.decimal()).date(i.date()).time(i.time()).flag(i.flag()));

    @Test
    void writesOneLineARowWithTabsBetweenItsValuesInUtf8() throws Exception {
        byte[] file = LoadDataLines.of(ROWS, List.of(
                new Item("课程 一", 12, new BigDecimal("12.50"), LocalDate.of(2026, 3, 4), LocalDateTime.of(2026, 3, 4, 5, 6, 7, 89_999_999), true),
                new Item("𠀀b\\", -3, new BigDecimal("1E+1"), LocalDate.of(2025, 12, 31), LocalDateTime.of(2025, 12, 31, 23, 0), false)));

        assertThat(new String(file, StandardCharsets.UTF_8)).isEqualTo(
                "课程 一\t12\t12.50\t2026-03-04\t2026-03-04 05:06:07.089\t1\n"
                + "𠀀b\\\\\t-3\t10\t2025-12-31\t2025-12-31 23:00:00.000\t0\n");
    }

    @Test
    void escapesWhatWouldEndAFieldOrALineAndWritesNullAsBackslashN() throws Exception {
        byte[] file = LoadDataLines.of(ROWS, List.of(
                new Item("a\tb\nc\rd\\e\0f", 0, null, null, null, false),
                new Item("\\N", 1, BigDecimal.ONE, null, null, true),
                new Item(null, 2, null, null, null, true)));

        assertThat(new String(file, StandardCharsets.UTF_8)).isEqualTo(
                "a\\tb\\nc\\rd\\\\e\\0f\t0\t\\N\t\\N\t\\N\t0\n"
                + "\\\\N\t1\t1\t\\N\t\\N\t1\n"
                + "\\N\t2\t\\N\t\\N\t\\N\t1\n");
    }

    @Test
    void writesEveryCharacterAsStringGetBytesEncodesIt() throws Exception {
        // one and two bytes from a Latin-1 string, three and four from a UTF-16 one, a control
        // character LOAD DATA takes as it is, and lone surrogates, which become '?'
        String latin = "é ü\u0001x";
        String wide = "张\u00ff€𝄞\uD800z\uDC00";
        byte[] file = LoadDataLines.of(ROWS, List.of(new Item(latin, 0, null, null, null, false),
                new Item(wide, 0, null, null, null, false)));

        assertThat(file).isEqualTo((latin + "\t0\t\\N\t\\N\t\\N\t0\n" + wide + "\t0\t\\N\t\\N\t\\N\t0\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(new String(file, StandardCharsets.UTF_8)).startsWith("é ü\u0001x\t").contains("张\u00ff€𝄞?z?\t");
    }

    @Test
    void refusesARowWrittenWithFewerValuesThanItsColumns() {
        TableRows<Item> short1 = TableRows.insert("probe", "t, n", (row, i) -> row.text(i.text()));

        assertThatThrownBy(() -> LoadDataLines.of(short1, List.of(new Item("x", 0, null, null, null, false))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a row of probe was given 1 of its 2 values");
    }
}
