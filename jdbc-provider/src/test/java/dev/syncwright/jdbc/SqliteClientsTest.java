package dev.syncwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteClientsTest {
    @TempDir
    Path dir;

    @Test
    void everyConnectionHandedOutHasWalBusyTimeoutAndForeignKeys() throws SQLException {
        try (HikariDataSource ds = SqliteClients.file(dir.resolve("client.db")).maximumPoolSize(2).open()) {
            // two at once: the pool hands out different connections, each must carry the settings
            try (Connection a = ds.getConnection(); Connection b = ds.getConnection()) {
                for (Connection c : new Connection[] {a, b}) {
                    assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
                    assertThat(pragma(c, "busy_timeout")).isEqualTo("30000");
                    assertThat(pragma(c, "foreign_keys")).isEqualTo("1");
                }
            }
        }
    }

    @Test
    void busyTimeoutCanBeChosenAndUrlParametersAreKept() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("u.db") + "?cache_size=1234";
        try (HikariDataSource ds = SqliteClients.url(url).busyTimeout(Duration.ofSeconds(5)).open();
                Connection c = ds.getConnection()) {
            assertThat(pragma(c, "busy_timeout")).isEqualTo("5000");
            assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(c, "cache_size")).isEqualTo("1234");
        }
    }

    @Test
    void anExistingFileKeepsItsJournalModeWhenAskedTo() throws SQLException {
        Path file = dir.resolve("app.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)"); // the application's own file, journal_mode=delete
        }
        try (HikariDataSource ds = SqliteClients.file(file).keepExistingJournalMode().open(); Connection c = ds.getConnection()) {
            assertThat(pragma(c, "journal_mode")).isEqualTo("delete");
            assertThat(pragma(c, "busy_timeout")).isEqualTo("30000");
        }
        Path fresh = dir.resolve("new.db");
        try (HikariDataSource ds = SqliteClients.file(fresh).keepExistingJournalMode().open(); Connection c = ds.getConnection()) {
            assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
        }
    }

    @Test
    void refusesAnUrlOfAnotherDatabase() {
        assertThatThrownBy(() -> SqliteClients.url("jdbc:postgresql://h/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:sqlite:");
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
