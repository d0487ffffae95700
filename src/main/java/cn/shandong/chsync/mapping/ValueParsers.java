package cn.shandong.chsync.mapping;

import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.record.Unit;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How platforms write amounts and dates: read into values (null where the text is not one), and written back. */
public final class ValueParsers {

    /** The date "format" of a platform that sends milliseconds since 1970. */
    static final String EPOCH_MILLIS = "epochMillis";
    /** Platforms in Shandong write local times of China Standard Time. */
    static final ZoneId PLATFORM_ZONE = CreditRecord.ZONE;

    private static final Pattern AMOUNT = Pattern.compile("([+-]?\\d+(?:\\.\\d+)?)\\s*(学时|小时|课时|学分)?");
    private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();

    private ValueParsers() {
    }

    record Amount(BigDecimal value, Unit unit) {
    }

    /** "6.0学时", "6", " 2 学分 ": the number, and the unit the text names or else {@code unit}. */
    static Amount amount(String text, Unit unit) {
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
        String value = text.strip();
        try {
            if (EPOCH_MILLIS.equals(format)) {
                return LocalDateTime.ofInstant(Instant.ofEpochMilli(Long.parseLong(value)), PLATFORM_ZONE);
            }
            TemporalAccessor parsed = formatter(format).parse(value);
            LocalDate date = parsed.query(TemporalQueries.localDate());
            if (date == null) {
                return null;
            }
            var time = parsed.query(TemporalQueries.localTime());
            return time == null ? date.atStartOfDay() : date.atTime(time);
        } catch (DateTimeParseException | NumberFormatException e) {
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
}
