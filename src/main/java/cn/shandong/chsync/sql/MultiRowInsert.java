package cn.shandong.chsync.sql;

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
final class MultiRowInsert<T> {

    private final TableRows<T> rows;
    private final String head;
    private final String tuple;

    MultiRowInsert(TableRows<T> rows) {
        this.rows = rows;
        this.head = "INSERT " + (rows.ignoreDuplicates() ? "IGNORE " : "") + "INTO " + rows.table()
                + " (" + String.join(", ", rows.columns()) + ") VALUES ";
        this.tuple = "(" + String.join(", ", Collections.nCopies(rows.columns().size(), "?")) + ")";
    }

    /** Inserts the items in their order; answers how many rows the database inserted. */
    int insert(JdbcTemplate jdbc, List<T> items) {
        int inserted = 0;
        int from = 0;
        for (int size : StatementShapes.chunks(items.size())) {
            List<T> chunk = items.subList(from, from + size);
            from += size;
            String sql = head + String.join(", ", Collections.nCopies(size, tuple));
            inserted += jdbc.update(sql, ps -> {
                Row row = new StatementRow(ps);
                for (T item : chunk) {
                    rows.writer().write(row, item);
                }
            });
        }
        return inserted;
    }
}
