package cn.shandong.chsync.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The 200-学时 cap holds 学时, not points: 学习强国's 4,000 points are a count to convert, not 4,000 学时. */
class RecordValidatorTest {

    private final RecordValidator validator = new RecordValidator(new BigDecimal("200"), LocalDate.of(2015, 1, 1), 2019,
            Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void pointsAreNotHeldToTheHoursCap() {
        assertThat(validator.check(record("4000", Unit.POINTS, "0"))).isEmpty();
    }

    @Test
    void theSameNumberInHoursIsRefused() {
        assertThat(validator.check(record("4000", Unit.HOURS, "4000"))).extracting(Violation::code)
                .containsExactly(ReasonCode.HOURS_TOO_LARGE);
    }

    @Test
    void noPointsOrTooFinePointsAreRefused() {
        assertThat(validator.check(record("0", Unit.POINTS, "0"))).extracting(Violation::code)
                .containsExactly(ReasonCode.HOURS_NOT_POSITIVE);
        assertThat(validator.check(record("2000.125", Unit.POINTS, "0"))).extracting(Violation::code)
                .containsExactly(ReasonCode.HOURS_TOO_PRECISE);
    }

    @Test
    void theEmployersBatchDeclarationOfFiveHoursPasses() {
        assertThat(validator.check(record("5", Unit.HOURS, "5"))).isEmpty();
    }

    private static CreditRecord record(String amount, Unit unit, String hours) {
        return new CreditRecord("sdwh", "371000", "r1", LocalDateTime.of(2019, 9, 1, 8, 0), "371002199002020047", "王芳",
                "威海市立医院", null, "XXQG", "学习强国积分", Subject.PUBLIC, Kind.CONVERTED, new BigDecimal(amount), unit,
                new BigDecimal(hours), LocalDate.of(2019, 9, 1), null, RecordState.ACTIVE);
    }
}
