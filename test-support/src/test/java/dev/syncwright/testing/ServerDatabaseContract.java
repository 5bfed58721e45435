package dev.syncwright.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Written once, run per server family: create, use, drop (and prove the drop happened). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerDatabaseContract {

    /** This class's own database, used to look at the server catalog. */
    private TestDatabase observer;

    abstract Function<String, TestDatabase> factory();

    /** The kinds this family may report. */
    abstract java.util.List<String> expectedKinds();

    /** SQL with one parameter (a name) that counts databases of that name. */
    abstract String countDatabasesSql();

    @BeforeAll
    void createObserver() {
        observer = factory().apply(getClass().getSimpleName());
        System.out.println(TestDatabases.describeSources());
    }

    @AfterAll
    void dropObserver() {
        if (observer != null) {
            observer.close();
        }
    }

    @Test
    void createsAFreshDatabaseAndDropsIt() throws SQLException {
        TestDatabase db = factory().apply("create and drop");
        String name;
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            name = c.getCatalog();
            assertThat(name).matches("sw_create_and_drop_[0-9a-f]{8}");
            assertThat(db.jdbcUrl()).contains("/" + name);
            assertThat(db.kind()).isIn(expectedKinds());
            st.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
            st.execute("INSERT INTO t VALUES (1, 'één')");
            try (ResultSet rs = st.executeQuery("SELECT v FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("één");
            }
        }
        assertThat(databasesNamed(name)).isOne();

        db.close();

        assertThat(databasesNamed(name)).isZero();
        assertThatThrownBy(db::connect).isInstanceOf(SQLException.class);
        db.close(); // idempotent
    }

    @Test
    void dropsEvenWhileConnectionsAreOpen() throws SQLException {
        TestDatabase db = factory().apply("busy");
        Connection open = db.connect();
        Connection inTransaction = db.dataSource().getConnection();
        try {
            String name = open.getCatalog();
            try (Statement st = inTransaction.createStatement()) {
                st.execute("CREATE TABLE t (id INT PRIMARY KEY)");
                inTransaction.setAutoCommit(false);
                st.execute("INSERT INTO t VALUES (1)"); // holds locks, never committed
            }
            db.close();
            assertThat(databasesNamed(name)).isZero();
        } finally {
            closeQuietly(open);
            closeQuietly(inTransaction);
        }
    }

    @Test
    void everyCallerGetsItsOwnDatabase() throws SQLException {
        try (TestDatabase a = factory().apply("same hint"); TestDatabase b = factory().apply("same hint")) {
            assertThat(a.jdbcUrl()).isNotEqualTo(b.jdbcUrl());
            try (Connection ca = a.connect(); Connection cb = b.dataSource().getConnection()) {
                assertThat(ca.getCatalog()).isNotEqualTo(cb.getCatalog());
            }
        }
    }

    @Test
    void credentialsAreInTheUrl() throws SQLException {
        assertThat(observer.user()).isNotBlank();
        assertThat(observer.jdbcUrl()).contains("user=" + observer.user());
        try (Connection c = observer.dataSource().getConnection(observer.user(), observer.password())) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    private long databasesNamed(String name) throws SQLException {
        try (Connection c = observer.connect(); PreparedStatement ps = c.prepareStatement(countDatabasesSql())) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException killed) {
            // the drop ended this session
        }
    }
}
