package cn.shandong.chsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.record.Unit;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValueParsersTest {

    /** Every date format the mappings use, and one the quick reading does not take. */
    private static final List<String> FORMATS = List.of("yyyy-MM-dd HH:mm:ss", "yyyy/MM/dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss",
            "yyyy-MM-dd", "yyyy/MM/dd", "yyyy年M月d日", "yyyy-MM-dd HH:mm");

    @Test
    void datesReadAsThePlatformsWriteThem() {
        assertThat(ValueParsers.dateTime(" 2024-03-05 08:09:10 ", "yyyy-MM-dd HH:mm:ss")).isEqualTo(LocalDateTime.of(2024, 3, 5, 8, 9, 10));
        assertThat(ValueParsers.dateTime("2024-03-05T23:59:59", "yyyy-MM-dd'T'HH:mm:ss")).isEqualTo(LocalDateTime.of(2024, 3, 5, 23, 59, 59));
        assertThat(ValueParsers.dateTime("2024/02/29", "yyyy/MM/dd")).isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
        assertThat(ValueParsers.dateTime("2024年3月5日", "yyyy年M月d日")).isEqualTo(LocalDateTime.of(2024, 3, 5, 0, 0));
        // strict: no 29 February in 2023, no 31 April, no hour 24, nothing but the layout
        assertThat(ValueParsers.dateTime("2023-02-29", "yyyy-MM-dd")).isNull();
        assertThat(ValueParsers.dateTime("2024-04-31 10:00:00", "yyyy-MM-dd HH:mm:ss")).isNull();
        assertThat(ValueParsers.dateTime("2024-04-30 24:00:00", "yyyy-MM-dd HH:mm:ss")).isNull();
        assertThat(ValueParsers.dateTime("2024-4-30", "yyyy-MM-dd")).isNull();
        assertThat(ValueParsers.dateTime("2024-04-30 10:00", "yyyy-MM-dd HH:mm:ss")).isNull();
        assertThat(ValueParsers.dateTime("1712000000000", ValueParsers.EPOCH_MILLIS)).isEqualTo(LocalDateTime.of(2024, 4, 2, 3, 33, 20));
    }

    @Test
    void timesWithAnOffsetOrAZoneAreReadAsChinaStandardTime() {
        LocalDateTime eightOClock = LocalDateTime.of(2025, 3, 1, 8, 0);
        assertThat(ValueParsers.dateTime("2025-03-01T08:00:00+08:00", "yyyy-MM-dd'T'HH:mm:ssXXX")).isEqualTo(eightOClock);
        assertThat(ValueParsers.dateTime("2025-03-01T00:00:00Z", "yyyy-MM-dd'T'HH:mm:ssXXX")).isEqualTo(eightOClock);
        assertThat(ValueParsers.dateTime("2025-03-01T02:00:00+02:00", "yyyy-MM-dd'T'HH:mm:ssXXX"))
                .as("another offset is converted").isEqualTo(eightOClock);
        assertThat(ValueParsers.dateTime("2025-03-01 09:00:00+0900", "yyyy-MM-dd HH:mm:ssxx")).isEqualTo(eightOClock);
        assertThat(ValueParsers.dateTime("2025-03-01 08:00:00 +0800", "yyyy-MM-dd HH:mm:ss Z")).isEqualTo(eightOClock);
        assertThat(ValueParsers.dateTime("2025-03-01T01:00:00[Europe/Paris]", "yyyy-MM-dd'T'HH:mm:ss'['VV']'"))
                .isEqualTo(eightOClock);
        assertThat(ValueParsers.dateTime("2025-03-01T00:00:00Z", "yyyy-MM-dd'T'HH:mm:ss'Z'"))
                .as("a literal Z is UTC").isEqualTo(eightOClock);
        assertThat(ValueParsers.dateTime("2025-03-01T00:00:00.250Z", "yyyy-MM-dd'T'HH:mm:ss[.SSS]XXX"))
                .isEqualTo(eightOClock.plusNanos(250_000_000));
        assertThat(ValueParsers.dateTime("2025-03-01T08:00:00", "yyyy-MM-dd'T'HH:mm:ss[XXX]"))
                .as("an optional offset left out: China Standard Time").isEqualTo(eightOClock);
        assertThat(ValueParsers.dateTime("2025-03-01T08:00:00", "yyyy-MM-dd'T'HH:mm:ssXXX")).isNull();
    }

    @Test
    void epochSecondsUnpaddedAndDateOnlyPatternsRead() {
        assertThat(ValueParsers.dateTime("1712000000", ValueParsers.EPOCH_SECONDS)).isEqualTo(LocalDateTime.of(2024, 4, 2, 3, 33, 20));
        assertThat(ValueParsers.dateTime("1712000000.5", ValueParsers.EPOCH_SECONDS))
                .isEqualTo(LocalDateTime.of(2024, 4, 2, 3, 33, 20, 500_000_000));
        assertThat(ValueParsers.dateTime("17120000x", ValueParsers.EPOCH_SECONDS)).isNull();
        assertThat(ValueParsers.dateTime("2025/3/1", "yyyy/M/d")).isEqualTo(LocalDateTime.of(2025, 3, 1, 0, 0));
        assertThat(ValueParsers.dateTime("2025/12/31 7:05:09", "yyyy/M/d H:mm:ss")).isEqualTo(LocalDateTime.of(2025, 12, 31, 7, 5, 9));
        assertThat(ValueParsers.dateTime("20250301", "yyyyMMdd")).isEqualTo(LocalDateTime.of(2025, 3, 1, 0, 0));
    }

    @Test
    void aCursorIsWrittenInThePlatformsPatternAndZone() {
        LocalDateTime cursor = LocalDateTime.of(2025, 3, 1, 8, 0, 5);
        assertThat(ValueParsers.format(cursor, "yyyy-MM-dd'T'HH:mm:ssXXX")).isEqualTo("2025-03-01T08:00:05+08:00");
        assertThat(ValueParsers.format(cursor, "yyyy-MM-dd HH:mm:ssxx")).isEqualTo("2025-03-01 08:00:05+0800");
        assertThat(ValueParsers.format(cursor, "yyyy-MM-dd HH:mm:ssZ")).isEqualTo("2025-03-01 08:00:05+0800");
        assertThat(ValueParsers.format(cursor, "yyyy-MM-dd'T'HH:mm:ssVV")).isEqualTo("2025-03-01T08:00:05Asia/Shanghai");
        assertThat(ValueParsers.format(cursor, "yyyy-MM-dd'T'HH:mm:ss'Z'")).isEqualTo("2025-03-01T00:00:05Z");
        assertThat(ValueParsers.format(cursor, "yyyy/M/d")).isEqualTo("2025/3/1");
        assertThat(ValueParsers.format(cursor, ValueParsers.EPOCH_SECONDS)).isEqualTo("1740787205");
        assertThat(ValueParsers.format(cursor, ValueParsers.EPOCH_MILLIS)).isEqualTo("1740787205000");
    }

    @Test
    void everyFormatThatCanWorkPassesTheRoundTrip() {
        for (String format : List.of("yyyy-MM-dd'T'HH:mm:ssXXX", "yyyy-MM-dd HH:mm:ssxx", "yyyy-MM-dd HH:mm:ssZ",
                "yyyy-MM-dd'T'HH:mm:ss'['VV']'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss[.SSS]XXX",
                "yyyy/M/d", "yyyy/M/d H:m:s", "yyyy-MM-dd", "yyyy年M月d日", ValueParsers.EPOCH_SECONDS, ValueParsers.EPOCH_MILLIS)) {
            assertThat(ValueParsers.roundTripProblem(format)).as(format).isNull();
        }
    }

    @Test
    void aFormatThatCannotWorkSaysWhy() {
        assertThat(ValueParsers.roundTripProblem("HH:mm")).contains("writes 2024-02-29T13:45:30.123 as '13:45'")
                .contains("cannot read that back");
        assertThat(ValueParsers.roundTripProblem("yyyy-MM-dd hh:mm:ss")).contains("reads that back as");
        assertThat(ValueParsers.roundTripProblem("YYYY-MM-dd")).as("week-based year").contains("cannot read that back");
        assertThat(ValueParsers.roundTripProblem("yyyy-MM-dd'T'HH:mm:ssz")).isNotNull();
        assertThat(ValueParsers.roundTripProblem("yyyy-MM-bb")).startsWith("'yyyy-MM-bb' is not a date pattern");
    }

    @Test
    void anAmountSaysItsUnitOrTakesTheMappingsOne() {
        assertThat(ValueParsers.amount("6.0学时", Unit.CREDITS)).isEqualTo(new ValueParsers.Amount(new BigDecimal("6.0"), Unit.HOURS));
        assertThat(ValueParsers.amount(" 2 学分 ", Unit.HOURS)).isEqualTo(new ValueParsers.Amount(new BigDecimal("2"), Unit.CREDITS));
        // 学习强国's points (威海 2019 一(一)): a unit of their own, converted by the compliance rules, not here
        assertThat(ValueParsers.amount("4000积分", Unit.HOURS)).isEqualTo(new ValueParsers.Amount(new BigDecimal("4000"), Unit.POINTS));
        assertThat(ValueParsers.amount("4000", Unit.POINTS)).isEqualTo(new ValueParsers.Amount(new BigDecimal("4000"), Unit.POINTS));
        assertThat(ValueParsers.amount("约两学时", Unit.HOURS)).isNull();
    }

    @Test
    void theQuickReadingAgreesWithTheFormatterOnEveryText() {
        Random random = new Random(20261201);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            LocalDateTime t = LocalDateTime.of(1990 + random.nextInt(50), 1 + random.nextInt(12), 1, 0, 0)
                    .plusDays(random.nextInt(31)).plusSeconds(random.nextInt(86_400));
            String format = FORMATS.get(random.nextInt(FORMATS.size()));
            String text = ValueParsers.format(t, format);
            texts.add(text);
            texts.add(mutate(text, random));
        }
        texts.addAll(List.of("2023-02-29 00:00:00", "2024-13-01 00:00:00", "2024-00-10", "2024-01-00", "0000-01-01",
                "2024-01-01 23:60:00", "2024-01-01 23:59:60", "2024/01/01 7:05:00", "２０２４-01-01", "2024-01-01T10:00:00Z", ""));
        for (String format : FORMATS) {
            for (String text : texts) {
                assertThat(ValueParsers.dateTime(text, format)).as("'%s' in %s", text, format)
                        .isEqualTo(ValueParsers.formatted(text.strip(), format));
            }
        }
    }

    /** The text with one character changed: a digit for another character, or a separator moved. */
    private static String mutate(String text, Random random) {
        if (text.isEmpty()) {
            return text;
        }
        char[] chars = text.toCharArray();
        int at = random.nextInt(chars.length);
        String alphabet = "0123456789-/: T9";
        chars[at] = alphabet.charAt(random.nextInt(alphabet.length()));
        return new String(chars);
    }
}
