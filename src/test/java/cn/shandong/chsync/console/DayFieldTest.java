package cn.shandong.chsync.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.shandong.chsync.RequestRefused;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DayFieldTest {

    @Test
    void aDayTypedAsYearMonthDayIsRead() {
        assertThat(DayField.read(" 2026-01-31 ")).isEqualTo(LocalDate.of(2026, 1, 31));
    }

    @Test
    void aBlankFieldIsNoDay() {
        assertThat(DayField.read("")).isNull();
        assertThat(DayField.read(null)).isNull();
    }

    @Test
    void aDayInABrowsersOwnFormatOrOneThatDoesNotExistIsRefusedWithWhatWasTyped() {
        for (String typed : new String[] {"12/01/2026", "2026-02-30", "2026-1-5", "01.12.2026"}) {
            RequestRefused refused = catchThrowableOfType(RequestRefused.class, () -> DayField.read(typed));
            assertThat(refused).as(typed).isNotNull();
            assertThat(refused.code()).isEqualTo("BAD_DATE");
            assertThat(refused.args()).containsExactly(typed);
            assertThat(refused.getStatusCode().value()).isEqualTo(400);
        }
    }
}
