package cn.shandong.chsync.sql;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * What a bulk insert writes: into which table, which columns, how one item becomes a row, and
 * whether a row whose unique key is held already is kept out (INSERT IGNORE) or fails the insert.
 * {@code keptOutBy} names the one unique key whose duplicates are kept out (null: none is): a row
 * kept out by any other key, the primary key among them, is a failure, never a duplicate.
 */
public record TableRows<T>(String table, List<String> columns, String keptOutBy, Writer<T> writer) {

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
        return new TableRows<>(table, names(columns), null, writer);
    }

    /** Rows of which those whose {@code uniqueKey} (the constraint's name) is held already are kept out. */
    public static <T> TableRows<T> insertIgnore(String table, String uniqueKey, String columns, Writer<T> writer) {
        return new TableRows<>(table, names(columns), uniqueKey, writer);
    }

    /** Whether rows whose key is held already are kept out instead of failing the insert. */
    public boolean ignoreDuplicates() {
        return keptOutBy != null;
    }

    private static List<String> names(String columns) {
        return Arrays.stream(columns.split(",")).map(String::trim).filter(c -> !c.isEmpty()).toList();
    }
}
