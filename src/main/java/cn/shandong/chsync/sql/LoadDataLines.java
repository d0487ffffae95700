package cn.shandong.chsync.sql;

import java.math.BigDecimal;
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

    // Encoded char by char straight into the file, not through String.getBytes and a copy of each
    // value: a page's rows are written once, without an intermediate array per value (the
    // measurement is in bench/HISTORY.md). The bytes to escape are ASCII. A lone surrogate becomes
    // '?', as String.getBytes writes it.
    @Override
    public Row text(String value) {
        if (value == null) {
            return nothing();
        }
        int length = value.length();
        room(3 * length);
        byte[] o = out;
        int s = size;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '\\') {
                o[s++] = (byte) c;
            } else if (c < 0x80) {
                s = control(o, s, c);
            } else if (c < 0x800) {
                o[s++] = (byte) (0xC0 | c >> 6);
                o[s++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                o[s++] = (byte) (0xE0 | c >> 12);
                o[s++] = (byte) (0x80 | c >> 6 & 0x3F);
                o[s++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                int point = Character.toCodePoint(c, value.charAt(++i));
                o[s++] = (byte) (0xF0 | point >> 18);
                o[s++] = (byte) (0x80 | point >> 12 & 0x3F);
                o[s++] = (byte) (0x80 | point >> 6 & 0x3F);
                o[s++] = (byte) (0x80 | point & 0x3F);
            } else {
                o[s++] = '?';
            }
        }
        size = s;
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

    /** A backslash or a character below space: escaped where LOAD DATA would read an escape or an end in it. */
    private static int control(byte[] o, int s, char c) {
        char escape = switch (c) {
            case '\\' -> '\\';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case 0 -> '0';
            default -> 0;
        };
        if (escape == 0) {
            o[s++] = (byte) c;
        } else {
            o[s++] = '\\';
            o[s++] = (byte) escape;
        }
        return s;
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
