package cn.shandong.chsync.sql;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * What a bulk insert writes: into which table, which columns, how one item becomes a row, and
 * whether a row whose unique key is held already is kept out (INSERT IGNORE) or fails the insert.
 */
public record TableRows<T>(String table, List<String> columns, boolean ignoreDuplicates, Writer<T> writer) {

    /** Writes one item's values, in the order of {@link #columns}. */
    @FunctionalInterface
    public interface Writer<T> {
        void write(Row row, T item) throws SQLException;
    }

    public TableRows {
        columns = List.copyOf(columns);
    }

    /** Rows that must all be new: a duplicate fails the insert. {@code columns} comma-separated. */
    public static <T> TableRows<T> insert(String table, String columns, Writer<T> writer) {
        return new TableRows<>(table, names(columns), false, writer);
    }

    /** Rows of which those whose unique key is held already are kept out. */
    public static <T> TableRows<T> insertIgnore(String table, String columns, Writer<T> writer) {
        return new TableRows<>(table, names(columns), true, writer);
    }

    private static List<String> names(String columns) {
        return Arrays.stream(columns.split(",")).map(String::trim).filter(c -> !c.isEmpty()).toList();
    }
}
