package dev.syncwright.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.dialect.postgres.PostgresDialectFactory;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

class DialectsTest {

    @Test
    void detectsSqliteAndPostgresFromMetadata() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite("dialects"); Connection c = db.connect()) {
            assertThat(Dialects.detect(c).id()).isEqualTo("sqlite");
        }
        try (TestDatabase db = TestDatabases.postgres("dialects"); Connection c = db.connect()) {
            Dialect d = Dialects.detect(c);
            assertThat(d.id()).isEqualTo("postgres");
            assertThat(d.capabilities().transitionTables()).isTrue();
        }
    }

    @Test
    void refusesVersionsBelowTheMinimum() {
        assertThatThrownBy(() -> new PostgresDialectFactory().create(new DatabaseProduct("PostgreSQL", "12.9", 12, 9), null))
                .isInstanceOf(UnsupportedDatabaseException.class).hasMessageContaining("PostgreSQL 13.0 or later");
    }
}
