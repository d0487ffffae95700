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
