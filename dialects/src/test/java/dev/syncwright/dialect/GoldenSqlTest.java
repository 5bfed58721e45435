package dev.syncwright.dialect;

import dev.syncwright.dialect.postgres.PostgresDialectFactory;
import dev.syncwright.dialect.sqlite.SqliteDialectFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every generated statement of each dialect, pinned by golden files so that trigger changes show in review. */
class GoldenSqlTest {

    static Stream<Dialect> dialects() {
        return Stream.of(new PostgresDialectFactory().create(new DatabaseProduct("PostgreSQL", "15.0", 15, 0), null),
                new SqliteDialectFactory().create(new DatabaseProduct("SQLite", "3.50.3", 3, 50), null));
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void syncObjects(Dialect d) {
        List<SqlStatement> all = new ArrayList<>(d.tracking().createSyncObjects());
        all.addAll(d.tracking().dropSyncObjects());
        Golden.check(d.id(), "sync-objects", all);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void provisionTable(Dialect d) {
        Golden.check(d.id(), "provision-table", d.tracking().provisionTable(Golden.sample(schema(d))));
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void alterAndDeprovisionTable(Dialect d) {
        TableDefinition before = Golden.sample(schema(d));
        List<ColumnDefinition> cols = new ArrayList<>(before.columns());
        cols.add(new ColumnDefinition("added", "bigint", PortableType.of(PortableType.Kind.BIGINT), true, 0, 4));
        TableDefinition after = new TableDefinition(before.name(), cols, List.of(), List.of(), 5);
        List<SqlStatement> all = new ArrayList<>(d.tracking().alterTable(before, after));
        all.addAll(d.tracking().deprovisionTable(after));
        Golden.check(d.id(), "alter-deprovision-table", all);
    }

    private static String schema(Dialect d) {
        return d.capabilities().schemas() ? "public" : null;
    }
}
