package cn.shandong.chsync.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real MariaDB of the integration suites (127.0.0.1:3306, root, no password, unless
 * IT_MARIADB_URL / IT_MARIADB_USER / IT_MARIADB_PASSWORD say otherwise): each suite gets a
 * database of its own, dropped and created afresh.
 */
public final class MariaDb {

    public static final String SERVER = System.getenv().getOrDefault("IT_MARIADB_URL", "jdbc:mysql://127.0.0.1:3306/");
    public static final String USER = System.getenv().getOrDefault("IT_MARIADB_USER", "root");
    public static final String PASSWORD = System.getenv().getOrDefault("IT_MARIADB_PASSWORD", "");
    /** Where the suites' services load their rows from (LOAD DATA LOCAL may read nothing else). */
    public static final Path LOAD_DIRECTORY = Path.of(System.getProperty("java.io.tmpdir"), "chsync-load-it");
    /** The URL options of README's production URL. */
    public static final String OPTIONS = "?rewriteBatchedStatements=true&useLocalSessionState=true&cachePrepStmts=true&prepStmtCacheSize=250"
            + "&prepStmtCacheSqlLimit=16384&allowLoadLocalInfileInPath=" + LOAD_DIRECTORY + "&useSSL=false&allowPublicKeyRetrieval=true&sessionVariables=max_error_count=65535";

    static {
        // the driver refuses a connection while the directory is missing; a service would make it as it
        // starts, and refuses one that is not its own alone (0700)
        try {
            if (!Files.isDirectory(LOAD_DIRECTORY)) {
                Files.createDirectories(LOAD_DIRECTORY, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            }
            Files.setPosixFilePermissions(LOAD_DIRECTORY, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MariaDb() {
    }

    /** Drops the database and creates it afresh, empty. */
    public static void recreate(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + OPTIONS, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
    }

    public static void freshDatabase(DynamicPropertyRegistry registry, String database) throws SQLException {
        freshDatabase(registry, database, SERVER);
    }

    /** The same, with the service reaching the server through {@code serverUrl} (a proxy, say). */
    static void freshDatabase(DynamicPropertyRegistry registry, String database, String serverUrl) throws SQLException {
        recreate(database);
        registry.add("spring.datasource.url", () -> serverUrl + database + OPTIONS);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
    }
}
