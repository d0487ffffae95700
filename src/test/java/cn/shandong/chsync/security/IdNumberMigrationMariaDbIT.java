package cn.shandong.chsync.security;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The migration on the real MariaDB (127.0.0.1:3306, or IT_MARIADB_URL). Runs with the "mariadb" Maven profile. */
class IdNumberMigrationMariaDbIT {

    private static final String SERVER = System.getenv().getOrDefault("IT_MARIADB_URL", "jdbc:mysql://127.0.0.1:3306/");
    private static final String USER = System.getenv().getOrDefault("IT_MARIADB_USER", "root");
    private static final String PASSWORD = System.getenv().getOrDefault("IT_MARIADB_PASSWORD", "");
    private static final String OPTIONS = "?useSSL=false&allowPublicKeyRetrieval=true";

    @Test
    void clearIdNumbersAreMovedIntoCiphertext() throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER + OPTIONS, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS chsync_it_id_migration");
            s.execute("CREATE DATABASE chsync_it_id_migration CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
        IdNumberMigration.movesClearIdNumbersIntoCiphertext(
                new DriverManagerDataSource(SERVER + "chsync_it_id_migration" + OPTIONS, USER, PASSWORD), "mysql");
    }
}
