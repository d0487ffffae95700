package cn.shandong.chsync.source;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The end-to-end suite on the real MariaDB (127.0.0.1:3306, root, no password, unless
 * IT_MARIADB_URL / IT_MARIADB_USER / IT_MARIADB_PASSWORD say otherwise), in a database of its
 * own that is dropped and created afresh. Runs with the "mariadb" Maven profile.
 */
class SyncOnMariaDbIT extends SyncEndToEndTests {

    static final String SERVER = System.getenv().getOrDefault("IT_MARIADB_URL", "jdbc:mysql://127.0.0.1:3306/");
    static final String USER = System.getenv().getOrDefault("IT_MARIADB_USER", "root");
    static final String PASSWORD = System.getenv().getOrDefault("IT_MARIADB_PASSWORD", "");
    static final String OPTIONS = "?rewriteBatchedStatements=true&useSSL=false&allowPublicKeyRetrieval=true";

    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) throws SQLException {
        String database = "chsync_it_e2e";
        try (Connection c = DriverManager.getConnection(SERVER + OPTIONS, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
        registry.add("spring.datasource.url", () -> SERVER + database + OPTIONS);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
    }
}
