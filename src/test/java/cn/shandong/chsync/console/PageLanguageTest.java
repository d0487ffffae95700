package cn.shandong.chsync.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PageLanguageTest {

    @Test
    void aChinesePageWithAnEnglishSentenceIsCaughtWordByWord() {
        assertThat(PageLanguage.englishWords("数据源\nNo run matches.\n同步记录", Set.of("sdbz")))
                .containsExactly("No", "run", "matches");
    }

    @Test
    void codesAcronymsIdentifiersAndProperNamesAreNotEnglishWords() {
        assertThat(PageLanguage.englishWords(
                "平台无法访问 FETCH_FAILED · 下载 CSV · Excel（XLSX）· API 令牌 · HTTP 400 · 调度（Quartz cron）· GB/T 2260 · ID_NUMBER_CHECKSUM · 371600 · v2 · sdbz 拉取 3 条", Set.of("sdbz")))
                .isEmpty();
    }

    @Test
    void aSourcesIdIsAnIdentifierOnlyWhereItIsOne() {
        assertThat(PageLanguage.englishWords("2026-12-01 sdbz：拉取 3 条", Set.of("sdwh"))).containsExactly("sdbz");
    }

    @Test
    void anEnglishPageWithAChineseLabelIsCaughtByItsLine() {
        assertThat(PageLanguage.chineseLines("Sources\n数据源\nFETCH_FAILED\nRuns")).containsExactly("数据源");
        assertThat(PageLanguage.chineseLines("Sources\nPlatform unreachable (FETCH_FAILED)")).isEmpty();
    }
}
