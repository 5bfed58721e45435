package dev.syncwright.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.Dialects;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ADR 055: custom plans while the provider looks keys up, and nothing left behind on a connection
 * the application shares (the Spring server role uses its DataSource).
 */
class PostgresPlanEveryExecutionTest {
    static TestDatabase db;

    @BeforeAll
    static void create() {
        db = TestDatabases.postgres(PostgresPlanEveryExecutionTest.class.getSimpleName());
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void onAndOffLastForTheTransactionOnlyAndLeaveTheApplicationsSettingAlone() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            Dialect d = Dialects.detect(c);
            s.execute("SET plan_cache_mode = force_generic_plan"); // the application's own session setting
            c.setAutoCommit(false);
            d.planEveryExecution(c, true);
            assertThat(mode(s)).isEqualTo("force_custom_plan");
            d.planEveryExecution(c, false);
            assertThat(mode(s)).as("off: the default, not the session's SET").isEqualTo("auto");
            d.planEveryExecution(c, true);
            c.commit();
            assertThat(mode(s)).as("after commit").isEqualTo("force_generic_plan");
            d.planEveryExecution(c, true);
            c.rollback();
            assertThat(mode(s)).as("after rollback").isEqualTo("force_generic_plan");
        }
    }

    @Test
    void refusesAutocommitWhereItWouldSilentlyDoNothing() throws SQLException {
        try (Connection c = db.connect()) {
            Dialect d = Dialects.detect(c);
            assertThatThrownBy(() -> d.planEveryExecution(c, true)).isInstanceOf(SyncException.class)
                    .hasMessageContaining("autocommit");
        }
    }

    private static String mode(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW plan_cache_mode")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
