package dev.syncwright.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class SqliteTestDatabaseTest {

    @Test
    void createsAFileAndDeletesIt() throws SQLException {
        TestDatabase db = TestDatabases.sqlite("SqliteTestDatabaseTest");
        Path file = Path.of(db.jdbcUrl().substring("jdbc:sqlite:".length()));
        assertThat(db.kind()).isEqualTo("sqlite");
        assertThat(db.user()).isNull();
        assertThat(db.password()).isNull();
        assertThat(file.getFileName().toString()).matches("sw_sqlite_test_database_test_[0-9a-f]{8}\\.db");
        assertThat(file).exists();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
            st.execute("INSERT INTO t VALUES (1, 'x')");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }

        db.close();

        assertThat(file).doesNotExist();
        assertThat(file.getParent()).doesNotExist();
        assertThatThrownBy(db::connect).isInstanceOf(SQLException.class);
        db.close();
    }

    @Test
    void everyCallerGetsItsOwnFile() {
        try (TestDatabase a = TestDatabases.sqlite("x"); TestDatabase b = TestDatabases.sqlite("x")) {
            assertThat(a.jdbcUrl()).isNotEqualTo(b.jdbcUrl());
            assertThat(Files.exists(Path.of(a.jdbcUrl().substring(12)))).isTrue();
        }
    }
}
