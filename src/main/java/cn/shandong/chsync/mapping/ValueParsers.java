package cn.shandong.chsync.mapping;

import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.record.Unit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

/**
 * How platforms write amounts and dates: read into values (null where the text is not one), and
 * written back. Longer than most because every format a platform was seen to use is here, with
 * its parser and writer side by side.
 */
public final class ValueParsers {

    /** The date "format" of a platform that sends milliseconds since 1970. */
    static final String EPOCH_MILLIS = "epochMillis";
    /** The date "format" of a platform that sends seconds since 1970. */
    static final String EPOCH_SECONDS = "epochSeconds";
    /** Platforms in Shandong write local times of China Standard Time. */
    static final ZoneId PLATFORM_ZONE = CreditRecord.ZONE;

    /** The longest amount or date text read: "  12.50 学时 " or "2024-05-01T10:00:00.000+08:00" with room to spare. */
    static final int MAX_VALUE_CHARS = 64;
    private static final Pattern AMOUNT = Pattern.compile("([+-]?\\d+(?:\\.\\d+)?)\\s*(学时|小时|课时|学分|积分)?");
    private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();
    private static final Map<String, Optional<FixedLayout>> LAYOUTS = new ConcurrentHashMap<>();

    private ValueParsers() {
    }

    record Amount(BigDecimal value, Unit unit) {
    }

    /** "6.0学时", "6", " 2 学分 ", "2000积分": the number, and the unit the text names or else {@code unit}. */
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
        Unit named = m.group(2) == null ? unit : switch (m.group(2)) {
            case "学分" -> Unit.CREDITS;
            case "积分" -> Unit.POINTS;
            default -> Unit.HOURS;
        };
        return new Amount(new BigDecimal(m.group(1)), named);
    }

    /**
     * A date-time (local time of China Standard Time, as the service keeps them) written as the
     * platform reads it in {@code format}, e.g. a cursor sent as a query parameter: epoch numbers
     * for the epoch formats, else the pattern at the platform's zone, which names the offset where
     * the pattern has one (+08:00) and is UTC where the pattern writes a literal 'Z'.
     */
    public static String format(LocalDateTime value, String format) {
        Instant instant = value.atZone(PLATFORM_ZONE).toInstant();
        if (EPOCH_MILLIS.equals(format)) {
            return Long.toString(instant.toEpochMilli());
        }
        if (EPOCH_SECONDS.equals(format)) {
            return Long.toString(instant.getEpochSecond());
        }
        return formatter(format).format(instant.atZone(zoneOf(format)));
    }

    /**
     * A date or date-time in {@code format}, as a local time of China Standard Time: a time that
     * names its offset or zone is converted; a date alone is taken at the start of its day.
     */
    static LocalDateTime dateTime(String text, String format) {
        if (text.length() > MAX_VALUE_CHARS) {
            return null;
        }
        String value = text.strip();
        try {
            if (EPOCH_MILLIS.equals(format)) {
                return LocalDateTime.ofInstant(Instant.ofEpochMilli(Long.parseLong(value)), PLATFORM_ZONE);
            }
            if (EPOCH_SECONDS.equals(format)) {
                // seconds may come with a fraction ("1712000000.5"); anything else is not a number of seconds
                BigDecimal seconds = new BigDecimal(value);
                long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
                int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
                return LocalDateTime.ofInstant(Instant.ofEpochSecond(whole, nanos), PLATFORM_ZONE);
            }
            FixedLayout layout = LAYOUTS.computeIfAbsent(format, FixedLayout::of).orElse(null);
            LocalDateTime quick = layout == null ? null : layout.read(value);
            return quick != null ? quick : formatted(value, format);
        } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
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
            LocalDateTime local = time == null ? date.atStartOfDay() : date.atTime(time);
            ZoneId zone = parsed.query(TemporalQueries.zone());
            return local.atZone(zone != null ? zone : zoneOf(format)).withZoneSameInstant(PLATFORM_ZONE).toLocalDateTime();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * Whether {@code format} can work both ways, as start-up asks of every format of a mapping: a
     * few instants written in it (as a cursor parameter is) and read back (as a record field or the
     * cursor field is) must read as what was written, to the precision the format keeps, and never
     * later than the instant (a cursor read back later than it was would skip records). Null when
     * it can; else why not, e.g. "writes '2025-12-31' for 2025-12-31 23:59:59 and reads it back as …".
     */
    static String roundTripProblem(String format) {
        if (EPOCH_MILLIS.equals(format) || EPOCH_SECONDS.equals(format)) {
            return null;
        }
        try {
            formatter(format);
        } catch (IllegalArgumentException e) {
            return "'" + format + "' is not a date pattern (" + e.getMessage() + ")";
        }
        for (LocalDateTime sample : ROUND_TRIP_SAMPLES) {
            String written;
            try {
                written = format(sample, format);
            } catch (DateTimeException e) {
                return "'" + format + "' cannot write a time (" + e.getMessage() + ")";
            }
            LocalDateTime read = dateTime(written, format);
            if (read == null) {
                return "'" + format + "' writes " + sample + " as '" + written + "' and cannot read that back"
                        + " (a pattern needs a year, a month and a day)";
            }
            String again = format(read, format);
            if (!again.equals(written) || read.isAfter(sample)) {
                return "'" + format + "' writes " + sample + " as '" + written + "' and reads that back as " + read
                        + ", not the same time (12-hour hh without a, or week-based YYYY?)";
            }
        }
        return null;
    }

    /** Instants that tell a round trip that only looks right: a leap day, an afternoon, a week-year's end. */
    private static final List<LocalDateTime> ROUND_TRIP_SAMPLES = List.of(
            LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_000_000), LocalDateTime.of(2025, 12, 31, 23, 59, 59),
            LocalDateTime.of(2026, 1, 1, 0, 0, 0));

    /**
     * The zone a pattern's times are written in where the text does not name one: UTC where the
     * pattern ends its times with a literal 'Z' (as ISO-8601 writes UTC), else China Standard Time.
     */
    static ZoneId zoneOf(String format) {
        return format.contains("'Z'") ? ZoneOffset.UTC : PLATFORM_ZONE;
    }

    /**
     * Strict: 2023-02-29 or 2024-04-31 is not a date. The default (smart) resolver would read
     * them as the last day of the month and change the record without a word. Strict needs the
     * proleptic year (u) where patterns say the year of era (y), outside quoted literals.
     */
    private static DateTimeFormatter formatter(String format) {
        return FORMATTERS.computeIfAbsent(format,
                f -> DateTimeFormatter.ofPattern(proleptic(f)).withResolverStyle(ResolverStyle.STRICT));
    }

    private static String proleptic(String format) {
        StringBuilder out = new StringBuilder(format.length());
        boolean quoted = false;
        for (char c : format.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            out.append(!quoted && c == 'y' ? 'u' : c);
        }
        return out.toString();
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
            if (!zoneOf(format).equals(PLATFORM_ZONE)) {
                // its digits are another zone's time: the formatter converts them
                return Optional.empty();
            }
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
