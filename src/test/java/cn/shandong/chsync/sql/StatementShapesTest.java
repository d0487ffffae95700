package cn.shandong.chsync.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatementShapesTest {

    @Test
    void anInListIsPaddedToTheNextPowerOfTwoWithItsLastValue() {
        assertThat(StatementShapes.padded(List.of())).isEmpty();
        assertThat(StatementShapes.padded(List.of("a"))).containsExactly("a");
        assertThat(StatementShapes.padded(List.of("a", "b", "c"))).containsExactly("a", "b", "c", "c");
        assertThat(StatementShapes.padded(List.of(1, 2, 3, 4))).containsExactly(1, 2, 3, 4);
        assertThat(StatementShapes.padded(IntStream.rangeClosed(1, 200).boxed().toList())).hasSize(256)
                .endsWith(200, 200).startsWith(1, 2);
    }

    @Test
    void rowsAreCutIntoChunksOfAtMost128ThenPowersOfTwoLargestFirst() {
        assertThat(StatementShapes.chunks(0)).isEmpty();
        assertThat(StatementShapes.chunks(1)).containsExactly(1);
        assertThat(StatementShapes.chunks(173)).containsExactly(128, 32, 8, 4, 1);
        assertThat(StatementShapes.chunks(200)).containsExactly(128, 64, 8);
        assertThat(StatementShapes.chunks(500)).containsExactly(128, 128, 128, 64, 32, 16, 4);
        // every count is covered exactly, by at most 7 shapes beyond the full chunks
        IntStream.rangeClosed(0, 1000).forEach(n -> {
            List<Integer> chunks = StatementShapes.chunks(n);
            assertThat(chunks.stream().mapToInt(Integer::intValue).sum()).isEqualTo(n);
            assertThat(chunks).allMatch(c -> Integer.bitCount(c) == 1 && c <= 128);
            assertThat(chunks.stream().filter(c -> c < 128).count()).isLessThanOrEqualTo(7);
        });
    }
}
