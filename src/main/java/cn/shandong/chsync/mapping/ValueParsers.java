package cn.shandong.chsync.mapping;

import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.record.Unit;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How platforms write amounts and dates: read into values (null where the text is not one), and written back. */
public final class ValueParsers {

    /** The date "format" of a platform that sends milliseconds since 1970. */
    static final String EPOCH_MILLIS = "epochMillis";
    /** Platforms in Shandong write local times of China Standard Time. */
    static final ZoneId PLATFORM_ZONE = CreditRecord.ZONE;

    /** The longest amount or date text read: "  12.50 学时 " or "2024-05-01T10:00:00.000+08:00" with room to spare. */
    static final int MAX_VALUE_CHARS = 64;
    private static final Pattern AMOUNT = Pattern.compile("([+-]?\\d+(?:\\.\\d+)?)\\s*(学时|小时|课时|学分)?");
    private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();
    private static final Map<String, Optional<FixedLayout>> LAYOUTS = new ConcurrentHashMap<>();

    private ValueParsers() {
    }

    record Amount(BigDecimal value, Unit unit) {
    }

    /** "6.0学时", "6", " 2 学分 ": the number, and the unit the text names or else {@code unit}. */
    static Amount amount(String text, Unit unit) {
        // no amount is longer; a longer text is refused before it is normalised, matched or parsed
        // (new BigDecimal of a megabyte of digits is quadratic, and a JSON string escapes Jackson's number limit)
        if (text.length() > MAX_VALUE_CHARS) {
            return null;
        }
        String normalised = Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
        Matcher m = AMOUNT.matcher(normalised);
        if (!m.matches()) {
            return null;
        }
        Unit named = m.group(2) == null ? unit : m.group(2).equals("学分") ? Unit.CREDITS : Unit.HOURS;
        return new Amount(new BigDecimal(m.group(1)), named);
    }

    /** A date-time written as a platform reads it in {@code format}, e.g. a cursor sent as a query parameter. */
    public static String format(LocalDateTime value, String format) {
        return EPOCH_MILLIS.equals(format)
                ? Long.toString(value.atZone(PLATFORM_ZONE).toInstant().toEpochMilli())
                : value.format(formatter(format));
    }

    /** A date or date-time in {@code format}; a date alone is taken at the start of its day. */
    static LocalDateTime dateTime(String text, String format) {
        if (text.length() > MAX_VALUE_CHARS) {
            return null;
        }
        String value = text.strip();
        try {
            if (EPOCH_MILLIS.equals(format)) {
                return LocalDateTime.ofInstant(Instant.ofEpochMilli(Long.parseLong(value)), PLATFORM_ZONE);
            }
            FixedLayout layout = LAYOUTS.computeIfAbsent(format, FixedLayout::of).orElse(null);
            LocalDateTime quick = layout == null ? null : layout.read(value);
            return quick != null ? quick : formatted(value, format);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@link #dateTime} by DateTimeFormatter alone: what the quick reading must agree with. */
    static LocalDateTime formatted(String value, String format) {
        try {
            TemporalAccessor parsed = formatter(format).parse(value);
            LocalDate date = parsed.query(TemporalQueries.localDate());
            if (date == null) {
                return null;
            }
            var time = parsed.query(TemporalQueries.localTime());
            return time == null ? date.atStartOfDay() : date.atTime(time);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Strict: 2023-02-29 or 2024-04-31 is not a date. The default (smart) resolver would read
     * them as the last day of the month and change the record without a word. Strict needs the
     * proleptic year (u) where patterns say the year of era (y).
     */
    private static DateTimeFormatter formatter(String format) {
        return FORMATTERS.computeIfAbsent(format,
                f -> DateTimeFormatter.ofPattern(f.replace('y', 'u')).withResolverStyle(ResolverStyle.STRICT));
    }

    /**
     * A pattern of fixed-width numbers (yyyy, MM, dd, HH, mm, ss) between literal characters, as
     * nearly every platform writes its dates: read digit by digit, for DateTimeFormatter's
     * parse-and-resolve was a third of mapping a record. Text that does not fit the layout, or is
     * not a real date or time, answers null and goes to the formatter, which decides as before.
     */
    static final class FixedLayout {

        /** Per position of the text: the field letter, or 0 where the literal character must stand. */
        private final char[] fields;
        private final char[] literals;

        private FixedLayout(char[] fields, char[] literals) {
            this.fields = fields;
            this.literals = literals;
        }

        /** The layout of {@code format}, or empty when it holds anything but those six fields and literals. */
        static Optional<FixedLayout> of(String format) {
            StringBuilder fields = new StringBuilder();
            StringBuilder literals = new StringBuilder();
            Set<Character> seen = new HashSet<>();
            for (int i = 0; i < format.length(); ) {
                char c = format.charAt(i);
                if (c == '\'') {
                    int end = format.indexOf('\'', i + 1);
                    if (end <= i + 1) {
                        return Optional.empty();
                    }
                    for (char q : format.substring(i + 1, end).toCharArray()) {
                        fields.append('\0');
                        literals.append(q);
                    }
                    i = end + 1;
                } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                    int run = 1;
                    while (i + run < format.length() && format.charAt(i + run) == c) {
                        run++;
                    }
                    if (run != (c == 'y' ? 4 : 2) || "yMdHms".indexOf(c) < 0 || !seen.add(c)) {
                        return Optional.empty();
                    }
                    for (int k = 0; k < run; k++) {
                        fields.append(c);
                        literals.append('\0');
                    }
                    i += run;
                } else if ("[]{}#".indexOf(c) >= 0) {
                    return Optional.empty();
                } else {
                    fields.append('\0');
                    literals.append(c);
                    i++;
                }
            }
            if (!seen.containsAll(List.of('y', 'M', 'd')) || (seen.contains('s') && !seen.contains('m'))
                    || (seen.contains('m') && !seen.contains('H'))) {
                return Optional.empty();
            }
            return Optional.of(new FixedLayout(fields.toString().toCharArray(), literals.toString().toCharArray()));
        }

        /** The date-time, or null: the text does not fit the layout, or names no real date or time. */
        LocalDateTime read(String text) {
            if (text.length() != fields.length) {
                return null;
            }
            int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
            for (int i = 0; i < fields.length; i++) {
                char c = text.charAt(i);
                if (fields[i] == 0) {
                    if (c != literals[i]) {
                        return null;
                    }
                    continue;
                }
                if (c < '0' || c > '9') {
                    return null;
                }
                int digit = c - '0';
                switch (fields[i]) {
                    case 'y' -> year = year * 10 + digit;
                    case 'M' -> month = month * 10 + digit;
                    case 'd' -> day = day * 10 + digit;
                    case 'H' -> hour = hour * 10 + digit;
                    case 'm' -> minute = minute * 10 + digit;
                    default -> second = second * 10 + digit;
                }
            }
            try {
                return LocalDateTime.of(year, month, day, hour, minute, second);
            } catch (DateTimeException notARealDateOrTime) {
                return null;
            }
        }
    }
}
