package cn.shandong.chsync.sql;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * Rows as the lines of a file for {@code LOAD DATA ... CHARACTER SET utf8mb4} with its default
 * format: fields ended by a tab, lines by a newline, NULL as {@code \N}, and a backslash, tab,
 * newline, carriage return or NUL inside a value escaped by a backslash. Values are written as
 * the server reads them back: numbers and dates in their plain forms, times to the millisecond.
 */
final class LoadDataLines implements Row {

    private final int columns;
    private int column;
    /** The file so far, in UTF-8: each value is encoded as it is written, not the whole file at the end. */
    private byte[] out;
    private int size;

    private LoadDataLines(int columns, int rows) {
        this.columns = columns;
        this.out = new byte[Math.max(64, rows * columns * 24)];
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
        return Arrays.copyOf(lines.out, lines.size);
    }

    // A value's UTF-8 bytes are copied as they are unless one of them must be escaped. The bytes
    // to escape are ASCII, and no byte of a multi-byte UTF-8 sequence is: scanning bytes is exact.
    @Override
    public Row text(String value) {
        if (value == null) {
            return nothing();
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int plain = 0;
        while (plain < bytes.length && !special(bytes[plain])) {
            plain++;
        }
        room(bytes.length + (bytes.length - plain) + 1);
        System.arraycopy(bytes, 0, out, size, plain);
        size += plain;
        for (int i = plain; i < bytes.length; i++) {
            byte b = bytes[i];
            switch (b) {
                case '\\' -> escaped('\\');
                case '\t' -> escaped('t');
                case '\n' -> escaped('n');
                case '\r' -> escaped('r');
                case 0 -> escaped('0');
                default -> out[size++] = b;
            }
        }
        return next();
    }

    @Override
    public Row number(long value) {
        ascii(Long.toString(value));
        return next();
    }

    @Override
    public Row decimal(BigDecimal value) {
        if (value == null) {
            return nothing();
        }
        ascii(value.toPlainString());
        return next();
    }

    @Override
    public Row date(LocalDate value) {
        if (value == null) {
            return nothing();
        }
        day(value);
        return next();
    }

    @Override
    public Row time(LocalDateTime value) {
        if (value == null) {
            return nothing();
        }
        day(value.toLocalDate());
        room(13);
        out[size++] = ' ';
        two(value.getHour());
        out[size++] = ':';
        two(value.getMinute());
        out[size++] = ':';
        two(value.getSecond());
        out[size++] = '.';
        int millis = value.getNano() / 1_000_000;
        out[size++] = (byte) ('0' + millis / 100);
        two(millis % 100);
        return next();
    }

    @Override
    public Row flag(boolean value) {
        room(1);
        out[size++] = (byte) (value ? '1' : '0');
        return next();
    }

    private static boolean special(byte b) {
        return b == '\\' || b == '\t' || b == '\n' || b == '\r' || b == 0;
    }

    /** yyyy-MM-dd, as the server reads a DATE; a year of other than four digits as LocalDate writes it. */
    private void day(LocalDate value) {
        int year = value.getYear();
        if (year < 1000 || year > 9999) {
            ascii(value.toString());
            return;
        }
        room(10);
        two(year / 100);
        two(year % 100);
        out[size++] = '-';
        two(value.getMonthValue());
        out[size++] = '-';
        two(value.getDayOfMonth());
    }

    private void two(int value) {
        out[size++] = (byte) ('0' + value / 10);
        out[size++] = (byte) ('0' + value % 10);
    }

    private void escaped(char c) {
        out[size++] = '\\';
        out[size++] = (byte) c;
    }

    /** Digits, signs, points and letters of a number's text: one byte each. */
    private void ascii(String text) {
        room(text.length());
        for (int i = 0; i < text.length(); i++) {
            out[size++] = (byte) text.charAt(i);
        }
    }

    private Row nothing() {
        room(2);
        out[size++] = '\\';
        out[size++] = 'N';
        return next();
    }

    /** Ends the value just written: the field, or with the row's last one the line. */
    private Row next() {
        room(1);
        if (++column == columns) {
            out[size++] = '\n';
            column = 0;
        } else {
            out[size++] = '\t';
        }
        return this;
    }

    private void room(int bytes) {
        if (size + bytes > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + bytes));
        }
    }
}
