package cn.shandong.chsync.sql;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.jdbc.JdbcConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Inserts many rows at once, in the transaction at hand, and answers how many the database took.
 * On MySQL and MariaDB, where the connection lets {@code LOAD DATA LOCAL INFILE} read a directory
 * ({@code allowLoadLocalInfileInPath}, which {@link LoadDirectory} makes) and the server allows it,
 * the rows are written there as a file and loaded: the server reads them without parsing SQL, and
 * the driver need not turn every value into SQL text, the largest share of the service's CPU in a
 * full sync before (bench/HISTORY.md). Elsewhere (H2, or a URL without the directory) they go as multi-row INSERTs. The
 * directory, not {@code allowLoadLocalInfile}, is what the connection is given: with the latter
 * the server could ask for any file the service can read, its keys among them.
 *
 * <p>A load turns what an INSERT would refuse into warnings; here any warning but a duplicate of
 * the one key the rows may be kept out by fails the insert, as the INSERT would have. A duplicate
 * of another key, the primary key above all, fails it as a transient error, so that the page is
 * committed again: MariaDB 10.11 with {@code innodb_autoinc_lock_mode=2} (MySQL 8's default) gave
 * two concurrent loads the same AUTO_INCREMENT ids, and IGNORE kept the second one's rows out as
 * duplicates of rows they were not.
 */
@Component
public class BulkInsert {

    private static final Logger log = LoggerFactory.getLogger(BulkInsert.class);
    private static final int DUPLICATE_KEY = 1062;
    private static final Duration LEFTOVER_AGE = Duration.ofMinutes(1);

    private final JdbcTemplate jdbc;
    private final Path directory;
    /** How many warnings the server lists for a statement (max_error_count), where rows are loaded. */
    private final long warningsListed;

    public BulkInsert(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.directory = jdbc.execute((ConnectionCallback<Path>) BulkInsert::loadDirectory);
        this.warningsListed = directory == null ? 0 : jdbc.queryForObject("SELECT @@max_error_count", Long.class);
        if (directory == null) {
            log.info("bulk inserts go as multi-row INSERT statements");
        } else {
            log.info("bulk inserts go as LOAD DATA LOCAL INFILE through {}", directory);
            removeLeftovers(directory);
        }
    }

    /**
     * The files a killed process left (they hold the rows of a page, names in clear): a load takes
     * milliseconds, so one older than a minute is no other instance's load in progress.
     */
    private static void removeLeftovers(Path directory) {
        Instant before = Instant.now().minus(LEFTOVER_AGE);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".tsv"))::iterator) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            log.warn("could not look for files left in {}: {}", directory, e.toString());
        }
    }

    /** Whether rows are loaded from files (else inserted by statements). */
    public boolean loadsFiles() {
        return directory != null;
    }

    /**
     * What an insert did: how many rows it inserted, and the duplicate entries (the values of the
     * key they were kept out by, as the database wrote them) of the rows it kept out, where the
     * database named every one; null where it did not (more than it lists warnings for, or rows
     * inserted by statements, which name none).
     */
    public record Inserted(int rows, List<String> keptOut) {
    }

    /** Whether an insert of this many rows names every row it keeps out (see {@link Inserted}). */
    public boolean namesKeptOut(int rows) {
        return directory != null && rows <= warningsListed;
    }

    /** Inserts the items as rows, in their order; answers how many rows the database inserted. */
    public <T> int insert(TableRows<T> rows, List<T> items) {
        return insertNamingKeptOut(rows, items).rows();
    }

    /** Inserts the items as rows, in their order; answers how many it inserted and, where it can, which it kept out. */
    public <T> Inserted insertNamingKeptOut(TableRows<T> rows, List<T> items) {
        if (items.isEmpty()) {
            return new Inserted(0, List.of());
        }
        if (directory == null) {
            int inserted = new MultiRowInsert<>(rows).insert(jdbc, items);
            return new Inserted(inserted, inserted == items.size() ? List.of() : null);
        }
        return jdbc.execute((ConnectionCallback<Inserted>) connection -> load(connection, rows, items));
    }

    private <T> Inserted load(Connection connection, TableRows<T> rows, List<T> items) throws SQLException {
        Path file = null;
        try {
            file = LoadDirectory.writeNew(directory, rows.table(), LoadDataLines.of(rows, items));
            try (Statement statement = connection.createStatement()) {
                int inserted = statement.executeUpdate("LOAD DATA LOCAL INFILE '" + literal(file.toString()) + "' "
                        + (rows.ignoreDuplicates() ? "IGNORE " : "") + "INTO TABLE " + rows.table()
                        + " CHARACTER SET utf8mb4 (" + String.join(", ", rows.columns()) + ")");
                SQLWarning warning = statement.getWarnings();
                if (warning == null) {
                    return new Inserted(inserted, inserted == items.size() ? List.of() : null);
                }
                List<String> keptOut = refuseUnlessDuplicates(statement, rows, items.size() - inserted, warning);
                return new Inserted(inserted, keptOut.size() == items.size() - inserted ? keptOut : null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the rows of " + rows.table() + " to " + directory, e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.warn("could not remove {}: {}", file, e.toString());
                }
            }
        }
    }

    /**
     * Every warning must be a duplicate key of rows that may be kept out, one per row kept out.
     * The server lists only so many warnings (max_error_count); their count tells whether another
     * is among the rest. Answers the duplicate entries the listed warnings name.
     */
    private static List<String> refuseUnlessDuplicates(Statement statement, TableRows<?> rows, int keptOut, SQLWarning warning)
            throws SQLException {
        List<String> entries = new ArrayList<>();
        for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
            if (w.getErrorCode() != DUPLICATE_KEY) {
                throw new DataIntegrityViolationException("loading rows into " + rows.table() + ": " + w.getMessage());
            }
            if (!rows.ignoreDuplicates()) {
                throw new DuplicateKeyException("loading rows into " + rows.table() + ": " + w.getMessage());
            }
            if (!namesKey(w.getMessage(), rows)) {
                throw new CommitAgainException("loading rows into " + rows.table() + ": a row was kept out by "
                        + "another key than " + rows.keptOutBy() + " (" + w.getMessage() + "); the transaction is rolled back");
            }
            entries.add(duplicateEntry(w.getMessage()));
        }
        try (ResultSet count = statement.executeQuery("SHOW COUNT(*) WARNINGS")) {
            count.next();
            if (count.getLong(1) != keptOut) {
                throw new DataIntegrityViolationException("loading rows into " + rows.table() + ": " + count.getLong(1)
                        + " warnings for " + keptOut + " rows kept out as duplicates");
            }
        }
        return entries;
    }

    /** The entry a duplicate-key message quotes: {@code Duplicate entry 'ENTRY' for key '...'}. */
    static String duplicateEntry(String message) {
        int from = message.indexOf('\'') + 1;
        return message.substring(from, message.lastIndexOf("' for key '"));
    }

    /**
     * Whether a duplicate-key message names the key the rows may be kept out by: MariaDB writes
     * {@code for key 'uk_x'}, MySQL 8 {@code for key 'table.uk_x'}.
     */
    static boolean namesKey(String message, TableRows<?> rows) {
        return message != null && (message.endsWith("for key '" + rows.keptOutBy() + "'")
                || message.endsWith("for key '" + rows.table() + "." + rows.keptOutBy() + "'"));
    }

    /** The directory the connection lets LOAD DATA LOCAL read, when the server allows it; else null. */
    private static Path loadDirectory(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)) {
            return null;
        }
        String path = connection.unwrap(JdbcConnection.class).getPropertySet()
                .getStringProperty(PropertyKey.allowLoadLocalInfileInPath).getValue();
        if (path == null || path.isBlank()) {
            return null;
        }
        try (Statement statement = connection.createStatement();
             ResultSet allowed = statement.executeQuery("SELECT @@local_infile")) {
            if (!allowed.next() || !allowed.getBoolean(1)) {
                log.warn("the database refuses LOAD DATA LOCAL (local_infile is off): bulk inserts go as INSERT statements");
                return null;
            }
        }
        return Path.of(path);
    }

    private static String literal(String text) {
        return text.replace("\\", "\\\\").replace("'", "\\'");
    }
}
