package cn.shandong.chsync.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shandong.chsync.it.MariaDb;
import com.mysql.cj.ServerVersion;
import com.mysql.cj.jdbc.JdbcConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Both ways of a bulk insert against the real MariaDB: loaded from a file where the URL names a
 * directory for it, multi-row INSERTs where it does not. Each must store every value as given,
 * keep out or refuse duplicates as asked, and refuse a value the column cannot hold.
 */
class BulkInsertMariaDbIT {

    private static final String DATABASE = "chsync_it_bulk";

    record Item(String key, String text, long number, BigDecimal decimal, LocalDate date, LocalDateTime time, boolean flag) {
    }

    private static final String COLUMNS = "k, t, n, d, day, at, f";
    private static final TableRows.Writer<Item> WRITER = (row, i) -> row.text(i.key()).text(i.text()).number(i.number())
            .decimal(i.decimal()).date(i.date()).time(i.time()).flag(i.flag());

    private JdbcTemplate jdbc;
    private BulkInsert bulk;
    private TransactionTemplate tx;

    @BeforeAll
    static void freshDatabase() throws SQLException {
        MariaDb.recreate(DATABASE);
    }

    /** {@code loads}: whether the connection names the directory LOAD DATA may read. */
    private void connect(boolean loads) {
        String options = loads ? MariaDb.OPTIONS : MariaDb.OPTIONS.replace("allowLoadLocalInfileInPath=" + MariaDb.LOAD_DIRECTORY + "&", "");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(MariaDb.SERVER + DATABASE + options, MariaDb.USER, MariaDb.PASSWORD);
        jdbc = new JdbcTemplate(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        jdbc.execute("DROP TABLE IF EXISTS probe");
        jdbc.execute("""
                CREATE TABLE probe (id BIGINT AUTO_INCREMENT PRIMARY KEY, k CHAR(8) NOT NULL, t VARCHAR(40), n INT NOT NULL,
                    d DECIMAL(8,2), day DATE, at DATETIME(3), f BOOLEAN NOT NULL, CONSTRAINT uk_probe UNIQUE (k))
                    ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin""");
        bulk = new BulkInsert(jdbc);
        assertThat(bulk.loadsFiles()).isEqualTo(loads);
    }

    @ParameterizedTest(name = "loaded from a file: {0}")
    @ValueSource(booleans = {true, false})
    void storesEveryValueAsGivenWhateverItHolds(boolean loads) throws Exception {
        connect(loads);
        List<String> texts = List.of("plain", "tab\there", "line\nbreak", "cr\rhere", "back\\slash", "\\N", "nul\0byte",
                "quotes ' \" `", "专业课程 继续教育", "emoji 😀", "", "ends with \\", "\\t literally");
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            items.add(new Item("k" + i, texts.get(i), i * 1000L - 3, new BigDecimal(i + ".25"), LocalDate.of(2026, 1 + i % 12, 1 + i),
                    LocalDateTime.of(2026, 1 + i % 12, 1 + i, i, 59 - i, i, i * 7_000_000 + 999_999), i % 2 == 0));
        }
        items.add(new Item("nulls", null, 0, null, null, null, false));

        int inserted = tx.execute(s -> bulk.insert(TableRows.insert("probe", COLUMNS, WRITER), items));

        assertThat(inserted).isEqualTo(items.size());
        List<Item> stored = jdbc.query("SELECT k, t, n, d, day, at, f FROM probe ORDER BY id", (rs, n) -> new Item(rs.getString(1),
                rs.getString(2), rs.getLong(3), rs.getBigDecimal(4), rs.getObject(5, LocalDate.class),
                rs.getObject(6, LocalDateTime.class), rs.getBoolean(7)));
        // DATETIME(3) keeps the milliseconds of a loaded time. A bound one keeps them only where the driver
        // sends fractions of a second, which it does not to a server it takes for older than MySQL 5.6.4:
        // MariaDB 10.11 introduces itself as 5.5.5-10.11.
        int nanosPer = loads || driverSendsFractions() ? 1_000_000 : 1_000_000_000;
        assertThat(stored).isEqualTo(items.stream().map(i -> new Item(i.key(), i.text(), i.number(), i.decimal(), i.date(),
                i.time() == null ? null : i.time().withNano(i.time().getNano() / nanosPer * nanosPer), i.flag())).toList());
        assertNoFileLeft();
    }

    @ParameterizedTest(name = "loaded from a file: {0}")
    @ValueSource(booleans = {true, false})
    void keepsOutRowsWhoseKeyIsHeldAndCountsOnlyThoseInserted(boolean loads) {
        connect(loads);
        tx.execute(s -> bulk.insert(TableRows.insert("probe", COLUMNS, WRITER), List.of(item("held"))));

        int inserted = tx.execute(s -> bulk.insert(TableRows.insertIgnore("probe", "uk_probe", COLUMNS, WRITER),
                List.of(item("new1"), item("held"), item("new2"), item("new1"))));

        assertThat(inserted).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT k FROM probe ORDER BY k", String.class)).containsExactly("held", "new1", "new2");
    }

    @Test
    void aLoadNamesTheRowsItKeptOutByTheirKeysEntry() {
        connect(true);
        tx.execute(s -> bulk.insert(TableRows.insert("probe", COLUMNS, WRITER), List.of(item("held"))));

        BulkInsert.Inserted inserted = tx.execute(s -> bulk.insertNamingKeptOut(
                TableRows.insertIgnore("probe", "uk_probe", COLUMNS, WRITER),
                List.of(item("new1"), item("held"), item("new2"), item("new1"))));

        assertThat(inserted.rows()).isEqualTo(2);
        assertThat(inserted.keptOut()).containsExactlyInAnyOrder("held", "new1");
        BulkInsert.Inserted none = tx.execute(s -> bulk.insertNamingKeptOut(
                TableRows.insertIgnore("probe", "uk_probe", COLUMNS, WRITER), List.of(item("new3"))));
        assertThat(none).isEqualTo(new BulkInsert.Inserted(1, List.of()));
    }

    @Test
    void rowsKeptOutBeyondTheWarningsTheServerListsAreNotNamed() {
        connect(true);
        List<Item> held = List.of(item("h1"), item("h2"), item("h3"));
        tx.execute(s -> bulk.insert(TableRows.insert("probe", COLUMNS, WRITER), held));
        List<Item> again = new ArrayList<>(held);
        again.add(item("new1"));

        BulkInsert.Inserted inserted = tx.execute(s -> {
            jdbc.execute("SET SESSION max_error_count = 2"); // the transaction's connection: it lists two warnings
            return bulk.insertNamingKeptOut(TableRows.insertIgnore("probe", "uk_probe", COLUMNS, WRITER), again);
        });

        assertThat(inserted).isEqualTo(new BulkInsert.Inserted(1, null));
    }

    @ParameterizedTest(name = "loaded from a file: {0}")
    @ValueSource(booleans = {true, false})
    void anInsertNamesWhatItKeepsOutOnlyWhereItLoadsAndTheServerListsAWarningForEachRow(boolean loads) {
        connect(loads);
        int listed = jdbc.queryForObject("SELECT @@max_error_count", Integer.class);

        assertThat(bulk.namesKeptOut(listed)).isEqualTo(loads);
        assertThat(bulk.namesKeptOut(listed + 1)).isFalse();
    }

    @Test
    void rowsInsertedByStatementsNameNoneKeptOut() {
        connect(false);
        tx.execute(s -> bulk.insert(TableRows.insert("probe", COLUMNS, WRITER), List.of(item("held"))));

        BulkInsert.Inserted inserted = tx.execute(s -> bulk.insertNamingKeptOut(
                TableRows.insertIgnore("probe", "uk_probe", COLUMNS, WRITER), List.of(item("new1"), item("held"))));

        assertThat(inserted).isEqualTo(new BulkInsert.Inserted(1, null));
    }

    @Test
    void aRowKeptOutByAnotherKeyThanTheOneNamedFailsTheLoadAsTransientAndItsTransaction() {
        connect(true);
        tx.execute(s -> bulk.insert(TableRows.insert("probe", COLUMNS, WRITER), List.of(item("held"))));
        long heldId = jdbc.queryForObject("SELECT id FROM probe", Long.class);
        // what MariaDB did under innodb_autoinc_lock_mode=2: a loaded row given an id another row has
        jdbc.execute("CREATE TRIGGER probe_same_id BEFORE INSERT ON probe FOR EACH ROW SET NEW.id = IF(NEW.k = 'lost', "
                + heldId + ", NEW.id)");
        try {
            assertThatThrownBy(() -> tx.execute(s -> bulk.insert(TableRows.insertIgnore("probe", "uk_probe", COLUMNS, WRITER),
                    List.of(item("new1"), item("lost"), item("held")))))
                    .isInstanceOf(TransientDataAccessException.class)
                    .hasMessageContaining("kept out by another key than uk_probe")
                    .hasMessageContaining("for key 'PRIMARY'");
        } finally {
            jdbc.execute("DROP TRIGGER probe_same_id");
        }

        assertThat(jdbc.queryForList("SELECT k FROM probe", String.class)).containsExactly("held");
        assertNoFileLeft();
    }

    @Test
    void theEntryOfADuplicateMessageIsWhatItQuotesBeforeTheKey() {
        assertThat(BulkInsert.duplicateEntry("Duplicate entry 'a1' for key 'uk_probe'")).isEqualTo("a1");
        assertThat(BulkInsert.duplicateEntry("Duplicate entry 'k-2' for key 'push_outbox.uk_push_outbox_key'")).isEqualTo("k-2");
    }

    @Test
    void aDuplicateMessageNamesTheKeyTheWayMariaDbAndMySqlWriteIt() {
        TableRows<Item> rows = TableRows.insertIgnore("probe", "uk_probe", COLUMNS, WRITER);
        assertThat(BulkInsert.namesKey("Duplicate entry 'a1' for key 'uk_probe'", rows)).isTrue();
        assertThat(BulkInsert.namesKey("Duplicate entry 'a1' for key 'probe.uk_probe'", rows)).isTrue();
        assertThat(BulkInsert.namesKey("Duplicate entry '7' for key 'PRIMARY'", rows)).isFalse();
        assertThat(BulkInsert.namesKey("Duplicate entry '7' for key 'probe.PRIMARY'", rows)).isFalse();
        assertThat(BulkInsert.namesKey("Duplicate entry 'a1' for key 'uk_probe_other'", rows)).isFalse();
        assertThat(BulkInsert.namesKey(null, rows)).isFalse();
    }

    @ParameterizedTest(name = "loaded from a file: {0}")
    @ValueSource(booleans = {true, false})
    void aHeldKeyAmongRowsThatMustBeNewFailsTheInsertAndItsTransaction(boolean loads) {
        connect(loads);
        tx.execute(s -> bulk.insert(TableRows.insert("probe", COLUMNS, WRITER), List.of(item("held"))));

        assertThatThrownBy(() -> tx.execute(s -> bulk.insert(TableRows.insert("probe", COLUMNS, WRITER),
                List.of(item("new1"), item("held")))))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(jdbc.queryForList("SELECT k FROM probe", String.class)).containsExactly("held");
        assertNoFileLeft();
    }

    @ParameterizedTest(name = "loaded from a file: {0}")
    @ValueSource(booleans = {true, false})
    void aValueTheColumnCannotHoldFailsTheInsertInsteadOfBeingCut(boolean loads) {
        connect(loads);
        Item tooLong = new Item("long", "x".repeat(41), 1, BigDecimal.ONE, null, null, true);

        assertThatThrownBy(() -> tx.execute(s -> bulk.insert(TableRows.insert("probe", COLUMNS, WRITER), List.of(item("ok"), tooLong))))
                .isInstanceOf(DataIntegrityViolationException.class);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM probe", Integer.class)).isZero();
        assertNoFileLeft();
    }

    @Test
    void removesAtStartTheFilesAKilledProcessLeftButNotALoadInProgress() throws Exception {
        Path left = Files.writeString(MariaDb.LOAD_DIRECTORY.resolve("probe-left.tsv"), "k\tname in clear\n");
        Files.setLastModifiedTime(left, FileTime.from(Instant.now().minus(Duration.ofMinutes(2))));
        Path loading = Files.writeString(MariaDb.LOAD_DIRECTORY.resolve("probe-loading.tsv"), "k\tname in clear\n");

        connect(true);

        assertThat(left).doesNotExist();
        assertThat(loading).exists();
        Files.delete(loading);
    }

    private boolean driverSendsFractions() {
        return jdbc.execute((ConnectionCallback<Boolean>) c -> c.unwrap(JdbcConnection.class).getServerVersion()
                .meetsMinimum(new ServerVersion(5, 6, 4)));
    }

    private static Item item(String key) {
        return new Item(key, "text of " + key, 1, new BigDecimal("2.50"), LocalDate.of(2026, 5, 6), LocalDateTime.of(2026, 5, 6, 7, 8, 9), true);
    }

    private static void assertNoFileLeft() {
        try (Stream<Path> files = Files.list(MariaDb.LOAD_DIRECTORY)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("probe-")))
                    .as("files of this suite left in the load directory").isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
