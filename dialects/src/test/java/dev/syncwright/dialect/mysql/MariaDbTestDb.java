package dev.syncwright.dialect.mysql;

import dev.syncwright.dialect.DatabaseProduct;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A MariaDB database of the test's own, created and dropped here. Interim stand-in for
 * test-support's {@code TestDatabases.mariadb} until dialects depends on it (SPI-REQUESTS R1):
 * server from {@code SYNCWRIGHT_TEST_MYSQL_URL} / {@code syncwright.test.mysql.url}, else
 * {@code jdbc:mysql://127.0.0.1:3306/} as root. Skips, naming what was tried, when there is none.
 */
final class MariaDbTestDb implements AutoCloseable {
    private final String serverUrl;
    final String name;

    private MariaDbTestDb(String serverUrl, String name) {
        this.serverUrl = serverUrl;
        this.name = name;
    }

    static MariaDbTestDb create(String hint) {
        String url = System.getProperty("syncwright.test.mysql.url", System.getenv("SYNCWRIGHT_TEST_MYSQL_URL"));
        if (url == null || url.isBlank()) {
            url = "jdbc:mysql://127.0.0.1:3306/?user=root&password=";
        }
        try {
            Class.forName("com.mysql.cj.jdbc.Driver");
        } catch (ClassNotFoundException e) {
            Assumptions.abort("mysql-connector-j is not on the dialects test class path (SPI-REQUESTS R1)");
        }
        String name = "sw_my_" + hint.toLowerCase().replaceAll("[^a-z0-9]", "").substring(0, Math.min(hint.length(), 20))
                + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
        } catch (SQLException e) {
            Assumptions.abort("No MariaDB/MySQL server at " + url.replaceAll("password=[^&]*", "password=***") + ": " + e.getMessage());
        }
        return new MariaDbTestDb(url, name);
    }

    String url() {
        int q = serverUrl.indexOf('?');
        String base = q < 0 ? serverUrl : serverUrl.substring(0, q);
        String params = q < 0 ? "" : serverUrl.substring(q);
        return base.replaceAll("/[^/]*$", "/") + name + params;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    MySqlDialect dialect() throws SQLException {
        try (Connection c = connect()) {
            return (MySqlDialect) new MySqlDialectFactory().create(DatabaseProduct.from(c.getMetaData()), c);
        }
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + name + "`");
        } catch (SQLException e) {
            throw new IllegalStateException("Dropping test database " + name + " failed", e);
        }
    }
}
