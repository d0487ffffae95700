package cn.shandong.chsync.pull;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shandong.chsync.mapping.MappingDefinition.Paging;
import cn.shandong.chsync.mapping.MappingDefinition.PagingType;
import cn.shandong.chsync.mapping.PageReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagerTest {

    private static final Clock NOVEMBER_22 = Clock.fixed(Instant.parse("2026-11-22T04:00:00Z"), ZoneId.of("Asia/Shanghai"));

    @Test
    void pageNumbersCountFromTheFirstUntilAShortPageOrTheTotal() {
        Pager pager = Pager.of(paging(PagingType.PAGE_NUMBER, "pageNo", "pageSize", 2, 1), NOVEMBER_22);

        assertThat(pager.first(null)).isEqualTo("1");
        assertThat(pager.query("3")).containsExactly(entry("pageNo", "3"), entry("pageSize", "2"));
        assertThat(pager.next("1", page(2, null))).isEqualTo("2");
        assertThat(pager.next("2", page(1, null))).isNull();
        assertThat(pager.next("2", page(2, 4L))).isNull();
        assertThat(pager.next("2", page(2, 5L))).isEqualTo("3");
    }

    @Test
    void offsetsStepBySize() {
        Pager pager = Pager.of(new Paging(PagingType.OFFSET_LIMIT, null, null, 100, null, "offset", "limit",
                null, null, null, null, null), NOVEMBER_22);

        assertThat(pager.first(null)).isEqualTo("0");
        assertThat(pager.query("200")).containsExactly(entry("offset", "200"), entry("limit", "100"));
        assertThat(pager.next("200", page(100, null))).isEqualTo("300");
        assertThat(pager.next("200", page(100, 300L))).isNull();
        assertThat(pager.next("200", page(99, null))).isNull();
    }

    @Test
    void tokensComeFromTheEnvelopeAndTheLastPageHasNone() {
        Pager pager = Pager.of(new Paging(PagingType.NEXT_TOKEN, null, "size", 50, null, null, null,
                "cursor", "meta.next", null, null, null), NOVEMBER_22);
        ObjectMapper json = new ObjectMapper();

        assertThat(pager.query(pager.first(null))).containsExactly(entry("size", "50"));
        assertThat(pager.query("abc")).containsExactly(entry("size", "50"), entry("cursor", "abc"));
        assertThat(pager.next("start", new PageReader.Page(List.of(), null, json.createObjectNode()
                .set("meta", json.createObjectNode().put("next", "abc"))))).isEqualTo("abc");
        assertThat(pager.next("abc", new PageReader.Page(List.of(), null, json.createObjectNode()
                .set("meta", json.createObjectNode().putNull("next"))))).isNull();
        // a platform that hands back the same token would loop forever: it ends the pass
        assertThat(pager.next("abc", new PageReader.Page(List.of(), null, json.createObjectNode()
                .set("meta", json.createObjectNode().put("next", "abc"))))).isNull();
    }

    @Test
    void dailyFilesRunFromTheCursorsDayToToday() {
        Pager pager = Pager.of(new Paging(PagingType.DAILY_FILE, null, null, null, null, null, null, null, null,
                "date", "yyyyMMdd", LocalDate.of(2024, 1, 1)), NOVEMBER_22);

        assertThat(pager.first(null)).isEqualTo("2024-01-01");
        assertThat(pager.first(LocalDateTime.of(2026, 11, 20, 23, 50))).isEqualTo("2026-11-20");
        assertThat(pager.query("2026-11-20")).containsExactly(entry("date", "20261120"));
        assertThat(pager.next("2026-11-21", page(0, null))).isEqualTo("2026-11-22");
        assertThat(pager.next("2026-11-22", page(7, null))).isNull();
    }

    private static Paging paging(PagingType type, String pageParam, String sizeParam, int size, int first) {
        return new Paging(type, pageParam, sizeParam, size, first, null, null, null, null, null, null, null);
    }

    private static PageReader.Page page(int items, Long total) {
        return new PageReader.Page(Collections.<JsonNode>nCopies(items, JsonNodeFactory.instance.objectNode()),
                total, null);
    }

    private static java.util.Map.Entry<String, String> entry(String k, String v) {
        return java.util.Map.entry(k, v);
    }
}
