package cn.shandong.chsync.pull;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.mapping.MappedRecord;
import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.record.Kind;
import cn.shandong.chsync.record.RecordState;
import cn.shandong.chsync.record.Subject;
import cn.shandong.chsync.record.Unit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which page is a repeat of the page before (a platform ignoring the page asked for), and which is not. */
class PageRepeatTest {

    private static final String ID = "370602198512310041";

    @Test
    void aRecordCorrectedOnTheNextPageIsNotARepeatOfThePageBefore() {
        // given a page of one record, and the next page holding the same record with its hours corrected
        String page1 = PageIngest.contentOf(List.of(record("R1", "3", LocalDateTime.of(2025, 4, 1, 9, 0))));
        String page2 = PageIngest.contentOf(List.of(record("R1", "4", LocalDateTime.of(2025, 4, 1, 9, 5))));
        SyncRun run = new SyncRun(1, "gen", "node", null, false);

        // when the first page is done with
        run.pageDone(null, cn.shandong.chsync.dedupe.PagePlan.Counts.NONE, page1);

        // then the correction is not taken for the page again, and the very same page is
        assertThat(run.repeatsPreviousPage(page2)).isFalse();
        assertThat(run.repeatsPreviousPage(PageIngest.contentOf(List.of(record("R1", "3", LocalDateTime.of(2025, 4, 1, 9, 0))))))
                .isTrue();
    }

    private static MappedRecord record(String recordId, String hours, LocalDateTime updatedAt) {
        CreditRecord r = new CreditRecord("gen", "370100", recordId, updatedAt, ID, "王秀英", null, null, null, "护理质量",
                Subject.PUBLIC, Kind.TRAINING, new BigDecimal(hours), Unit.HOURS, new BigDecimal(hours), LocalDate.of(2024, 5, 12),
                "ZS-" + recordId, RecordState.ACTIVE);
        return new MappedRecord(recordId, ID, "{}", updatedAt, r, List.of());
    }
}
