package cn.shandong.chsync.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Keeps the number of distinct statement texts small, so that the driver's parse of each is kept
 * per connection ({@code cachePrepStmts}) instead of redone: a statement's text grows with its rows
 * or its IN list, and with one text per length nearly every statement was parsed afresh (and no
 * cache could hold them all). Lengths are rounded to powers of two: an IN list is padded by
 * repeating its last value, which matches nothing more, and rows to insert are cut into chunks of
 * 128, 64, ... 1.
 */
public final class StatementShapes {

    /** The most rows one multi-row statement carries. */
    static final int MAX_ROWS = 128;

    private StatementShapes() {
    }

    /** The values, with the last repeated up to the next power of two (an empty list stays empty). */
    public static <T> List<T> padded(Collection<T> values) {
        List<T> padded = new ArrayList<>(values);
        if (padded.isEmpty()) {
            return padded;
        }
        int shape = Integer.highestOneBit(padded.size());
        if (shape < padded.size()) {
            shape <<= 1;
        }
        T last = padded.get(padded.size() - 1);
        while (padded.size() < shape) {
            padded.add(last);
        }
        return padded;
    }

    /** The sizes {@code rows} rows are inserted in: as many of {@link #MAX_ROWS} as fit, then powers of two, largest first. */
    static List<Integer> chunks(int rows) {
        List<Integer> chunks = new ArrayList<>();
        int left = rows;
        while (left >= MAX_ROWS) {
            chunks.add(MAX_ROWS);
            left -= MAX_ROWS;
        }
        for (int size = MAX_ROWS >> 1; size > 0; size >>= 1) {
            if (left >= size) {
                chunks.add(size);
                left -= size;
            }
        }
        return chunks;
    }
}
