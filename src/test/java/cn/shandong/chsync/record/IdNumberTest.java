package cn.shandong.chsync.record;

import static org.assertj.core.api.Assertions.assertThat;

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
}
