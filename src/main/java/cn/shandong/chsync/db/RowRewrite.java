package cn.shandong.chsync.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A Java migration's rewrite of every row of a table, a thousand at a time in key order: each row
 * read is handed to {@code rewrite}, which binds the statement it is written with (an update of
 * the row, an insert elsewhere). Answers the rows rewritten.
 */
final class RowRewrite {

    static final int BATCH = 1000;

    @FunctionalInterface
    interface Binder {
        void bind(ResultSet row, PreparedStatement update) throws SQLException;
    }

    private RowRewrite() {
    }

    /**
     * @param select the rows after a given id (its one parameter), ordered by id, their id first, LIMIT BATCH
     * @param update the update of one row, whose parameters {@code rewrite} binds
     */
    static long byId(Connection c, String select, String update, Binder rewrite) throws SQLException {
        return byKey(c, 0L, select, update, rewrite);
    }

    /**
     * The same, the rows ordered by a key of any type (the select's first column), from {@code start};
     * {@code fixed} are the select's parameters before the key's, which is its last.
     */
    static long byKey(Connection c, Object start, String select, String update, Binder rewrite, Object... fixed)
            throws SQLException {
        long rows = 0;
        Object last = start;
        try (PreparedStatement read = c.prepareStatement(select + " LIMIT " + BATCH);
             PreparedStatement write = c.prepareStatement(update)) {
            for (int n = BATCH; n == BATCH; ) {
                for (int i = 0; i < fixed.length; i++) {
                    read.setObject(i + 1, fixed[i]);
                }
                read.setObject(fixed.length + 1, last);
                n = 0;
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        last = rs.getObject(1);
                        rewrite.bind(rs, write);
                        write.addBatch();
                        n++;
                    }
                }
                write.executeBatch();
                rows += n;
            }
        }
        return rows;
    }
}
