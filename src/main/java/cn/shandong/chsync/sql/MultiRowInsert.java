package cn.shandong.chsync.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Many rows in one {@code INSERT ... VALUES (...), (...)} statement, which both MySQL and H2 take,
 * and which answers how many rows it inserted: a JDBC batch rewritten by the driver answers
 * "success, count unknown" for each row, so an INSERT IGNORE could not tell whether a row was
 * kept out without reading it back. The driver also measured every value of a batch before
 * writing it, which one statement spares. Rows go in chunks of the few {@link StatementShapes}.
 */
public final class MultiRowInsert<T> {

    /** Binds one row's values from {@code first}, the index of its first placeholder. */
    @FunctionalInterface
    public interface Binder<T> {
        void bind(PreparedStatement ps, int first, T row) throws SQLException;
    }

    private final String head;
    private final String tuple;
    private final int columns;
    private final Binder<T> binder;

    /** {@code head}: the statement up to VALUES, such as {@code INSERT IGNORE INTO t (a, b)}. */
    public MultiRowInsert(String head, int columns, Binder<T> binder) {
        this.head = head + " VALUES ";
        this.tuple = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
        this.columns = columns;
        this.binder = binder;
    }

    /** Inserts the rows in their order; answers how many the database inserted. */
    public int insert(JdbcTemplate jdbc, List<T> rows) {
        int inserted = 0;
        int from = 0;
        for (int size : StatementShapes.chunks(rows.size())) {
            List<T> chunk = rows.subList(from, from + size);
            from += size;
            String sql = head + String.join(", ", Collections.nCopies(size, tuple));
            inserted += jdbc.update(sql, ps -> {
                int first = 1;
                for (T row : chunk) {
                    binder.bind(ps, first, row);
                    first += columns;
                }
            });
        }
        return inserted;
    }
}
