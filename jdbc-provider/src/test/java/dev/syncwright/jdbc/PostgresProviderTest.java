package dev.syncwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.dialect.TableName;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.SyncScope;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PostgresProviderTest extends ProviderContract {
    @Override
    TestDatabase createServer(String hint) {
        return capture() == null ? TestDatabases.postgres(hint) : TestDatabases.postgresLogical(hint);
    }

    @Override
    String serverDdl() {
        return """
                CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, email TEXT, phone TEXT);
                CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL REFERENCES customers(id), total NUMERIC(12,2))
                """;
    }

    /** A name with a dot is not schema.table when given as a TableName, on the server and on the client it creates. */
    @Test
    void aTableWhoseNameHoldsADotSyncsWhenGivenAsATableName() throws SQLException {
        exec(server.dataSource(), "CREATE TABLE \"odd.name\" (id BIGINT PRIMARY KEY, v TEXT); "
                + "INSERT INTO \"odd.name\" VALUES (1, 'one'), (2, 'two')");
        Provisioner.of(server.dataSource()).provision(SyncScope.named("odd").table(TableName.of("public", "odd.name")).build());
        JdbcSyncProvider odd = JdbcSyncProvider.open(server.dataSource(), "odd");
        Client c = client();
        JdbcSyncProvider local = JdbcSyncProvider.openClient(c.ds(), odd);
        SyncOrchestrator.between(local, odd).conflicts(ConflictPolicy.SERVER_WINS).run();
        assertThat(rows(c.ds(), "SELECT id, v FROM \"odd.name\" ORDER BY id"))
                .isEqualTo(rows(server.dataSource(), "SELECT id, v FROM \"odd.name\" ORDER BY id")).hasSize(2);
    }
}
