package cn.shandong.chsync.source;

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
final class MariaDb {

    static final String SERVER = System.getenv().getOrDefault("IT_MARIADB_URL", "jdbc:mysql://127.0.0.1:3306/");
    static final String USER = System.getenv().getOrDefault("IT_MARIADB_USER", "root");
    static final String PASSWORD = System.getenv().getOrDefault("IT_MARIADB_PASSWORD", "");
    static final String OPTIONS = "?rewriteBatchedStatements=true&cachePrepStmts=true&prepStmtCacheSize=250&prepStmtCacheSqlLimit=16384&useSSL=false&allowPublicKeyRetrieval=true";

    private MariaDb() {
    }

    static void freshDatabase(DynamicPropertyRegistry registry, String database) throws SQLException {
        freshDatabase(registry, database, SERVER);
    }

    /** The same, with the service reaching the server through {@code serverUrl} (a proxy, say). */
    static void freshDatabase(DynamicPropertyRegistry registry, String database, String serverUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + OPTIONS, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
        registry.add("spring.datasource.url", () -> serverUrl + database + OPTIONS);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
    }
}
