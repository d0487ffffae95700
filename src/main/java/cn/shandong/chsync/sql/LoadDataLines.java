package cn.shandong.chsync.sql;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Rows as the lines of a file for {@code LOAD DATA ... CHARACTER SET utf8mb4} with its default
 * format: fields ended by a tab, lines by a newline, NULL as {@code \N}, and a backslash, tab,
 * newline, carriage return or NUL inside a value escaped by a backslash. Values are written as
 * the server reads them back: numbers and dates in their plain forms, times to the millisecond.
 */
final class LoadDataLines implements Row {

    private final StringBuilder out;
    private final int columns;
    private int column;

    private LoadDataLines(int columns, int rows) {
        this.columns = columns;
        this.out = new StringBuilder(rows * columns * 16);
    }

    /** The file's content for the items: one line each. */
    static <T> byte[] of(TableRows<T> rows, List<T> items) throws SQLException {
        LoadDataLines lines = new LoadDataLines(rows.columns().size(), items.size());
        for (T item : items) {
            rows.writer().write(lines, item);
            if (lines.column != 0) {
                throw new IllegalStateException("a row of " + rows.table() + " was given " + lines.column + " of its "
                        + lines.columns + " values");
            }
        }
        return lines.out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Row text(String value) {
        if (value == null) {
            return nothing();
        }
        int plain = 0;
        while (plain < value.length() && !special(value.charAt(plain))) {
            plain++;
        }
        out.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> out.append("\\0");
                default -> out.append(c);
            }
        }
        return next();
    }

    @Override
    public Row number(long value) {
        out.append(value);
        return next();
    }

    @Override
    public Row decimal(BigDecimal value) {
        if (value == null) {
            return nothing();
        }
        out.append(value.toPlainString());
        return next();
    }

    @Override
    public Row date(LocalDate value) {
        if (value == null) {
            return nothing();
        }
        out.append(value);
        return next();
    }

    @Override
    public Row time(LocalDateTime value) {
        if (value == null) {
            return nothing();
        }
        out.append(value.toLocalDate()).append(' ');
        two(value.getHour()).append(':');
        two(value.getMinute()).append(':');
        two(value.getSecond()).append('.');
        int millis = value.getNano() / 1_000_000;
        out.append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10)).append((char) ('0' + millis % 10));
        return next();
    }

    @Override
    public Row flag(boolean value) {
        out.append(value ? '1' : '0');
        return next();
    }

    private static boolean special(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r' || c == '\0';
    }

    private StringBuilder two(int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private Row nothing() {
        out.append("\\N");
        return next();
    }

    /** Ends the value just written: the field, or with the row's last one the line. */
    private Row next() {
        if (++column == columns) {
            out.append('\n');
            column = 0;
        } else {
            out.append('\t');
        }
        return this;
    }
}
