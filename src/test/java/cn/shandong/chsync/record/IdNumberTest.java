package cn.shandong.chsync.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdNumberTest {

    @ParameterizedTest(name = "{0} is valid as {1}")
    @CsvSource(delimiter = '|', value = {
            // GB 11643's own example, with the X check character
            "11010519491231002X|11010519491231002X",
            "370602198512310041|370602198512310041",
            "371002197203155563|371002197203155563",
            // a lower-case x and surrounding spaces are how platforms often send it
            "37160219900101123x|37160219900101123X",
            "'  37160219900101123X '|37160219900101123X",
    })
    void acceptsValidNumbersAndNormalisesThem(String raw, String normalised) {
        IdNumber.Result result = IdNumber.check(raw);

        assertThat(result.valid()).isTrue();
        assertThat(result.value()).isEqualTo(normalised);
    }

    @ParameterizedTest(name = "{0} is refused with {1}")
    @CsvSource(delimiter = '|', value = {
            "110105194912310021|ID_NUMBER_CHECKSUM",
            "370602198512310042|ID_NUMBER_CHECKSUM",
            "３７０６０２１９８５１２３１００４１|ID_NUMBER_FULLWIDTH",
            "370602851231004|ID_NUMBER_FORMAT",
            "37060219851231004|ID_NUMBER_FORMAT",
            "3706021985123100411|ID_NUMBER_FORMAT",
            "37060219851231004Y|ID_NUMBER_FORMAT",
            "370602198513310041|ID_NUMBER_BIRTH_DATE",
            "''|ID_NUMBER_MISSING",
    })
    void refusesInvalidNumbersWithThePreciseReason(String raw, ReasonCode reason) {
        IdNumber.Result result = IdNumber.check(raw);

        assertThat(result.valid()).isFalse();
        assertThat(result.problem()).isEqualTo(reason);
        assertThat(result.message()).isNotBlank();
    }

    @ParameterizedTest(name = "check character of {0} is {1}")
    @CsvSource({"11010519491231002,X", "37060219851231004,1", "37100219720315556,3"})
    void computesTheCheckCharacter(String first17, char expected) {
        assertThat(IdNumber.checkCharacter(first17)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is shown as {1}")
    @CsvSource({"37160219900101123X,371602********123X", "370602198512310041,370602********0041"})
    void masksAllButTheFirstSixAndLastFour(String id, String masked) {
        assertThat(IdNumber.mask(id)).isEqualTo(masked);
    }

    @Test
    void maskAnyCatchesTheNumberWrittenWholeSpacedFullWidthOrInItsOldForm() {
        assertThat(IdNumber.maskAny("person 371602198001010048 refused")).isEqualTo("person 371602********0048 refused");
        assertThat(IdNumber.maskAny("sfzh=37160219800101004x;")).isEqualTo("sfzh=371602********004X;");
        assertThat(IdNumber.maskAny("3716 0219 8001 0100 48")).isEqualTo("371602********0048");
        assertThat(IdNumber.maskAny("371602-19800101-0048 ok")).isEqualTo("371602********0048 ok");
        assertThat(IdNumber.maskAny("证件 ３７１６０２１９８００１０１００４Ｘ 无效")).isEqualTo("证件 371602********004X 无效");
        assertThat(IdNumber.maskAny("３７１６０２\u3000１９８００１０１\u3000００４８")).isEqualTo("371602********0048");
        assertThat(IdNumber.maskAny("old 371602800101004 form")).isEqualTo("old 371602*****1004 form");
        // a stray number before a spaced one does not hide it
        assertThat(IdNumber.maskAny("第3 3716 0219 8001 0100 48")).isEqualTo("第3 371602********0048");
    }

    @Test
    void maskAnyLeavesOtherNumbersAlone() {
        assertThat(IdNumber.maskAny("batch 12345 of 2026-12-05, 0531 8888 1234")).isEqualTo("batch 12345 of 2026-12-05, 0531 8888 1234");
        // glued to more digits it is not an ID number
        assertThat(IdNumber.maskAny("order 3716021980010100481")).isEqualTo("order 3716021980010100481");
        assertThat(IdNumber.maskAny(null)).isNull();
    }

    @Test
    void maskAnyTakesLinearTimeOnAMegabyteOfDigitsAndSpaces() {
        String hostile = "1 ".repeat(500_000) + "9".repeat(100_000);
        IdNumber.maskAny(hostile); // compiled: what is measured is the method, not the interpreter
        // CPU time of this thread: what the method costs, not how long it waited for a busy machine's cores
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long started = threads.getCurrentThreadCpuTime();
        String masked = IdNumber.maskAny(hostile);
        assertThat((threads.getCurrentThreadCpuTime() - started) / 1_000_000).isLessThan(200); // quadratic: minutes
        // every run of single digits adds up to 15 and 18 somewhere: masked whole, as one
        assertThat(masked).startsWith("111111*******").endsWith("*1111 " + "9".repeat(100_000)).doesNotContain("1 1");
    }
}
