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

    /**
     * The multi-row UPDATE of ADR 062 for the sample table's base rows (three rows), for a tracking
     * table's (BIGINT versions and a computed assignment), and where the dialect declines (a TEXT
     * column of a type other than text on PostgreSQL).
     */
    @ParameterizedTest
    @MethodSource("dialects")
    void updateRows(Dialect d) {
        TableDefinition t = Golden.sample(schema(d));
        List<ColumnDefinition> key = t.primaryKey();
        List<ColumnDefinition> set = t.changeUnits();
        String table = d.names().table(t.name());
        List<SqlStatement> all = new ArrayList<>();
        all.add(SqlStatement.of(SqlStatement.Kind.UPDATE, "base rows", d.updateRows(table, key, set, "").orElseThrow().sql(3)));
        List<ColumnDefinition> versions = List.of(
                new ColumnDefinition("sw_tick", "bigint", PortableType.of(PortableType.Kind.BIGINT), false, 0, -1),
                new ColumnDefinition("sw_dv", "bigint", PortableType.of(PortableType.Kind.BIGINT), true, 0, -1));
        all.add(SqlStatement.of(SqlStatement.Kind.UPDATE, "tracking rows", d.updateRows(d.names().trackingTable(t.name()), key,
                versions, "sw_at = " + d.tracking().changeTimeExpression()).orElseThrow().sql(2)));
        ColumnDefinition inet = new ColumnDefinition("addr", "inet", PortableType.of(PortableType.Kind.TEXT), true, 0, 5);
        all.add(SqlStatement.of(SqlStatement.Kind.UPDATE, "base rows with an inet column",
                d.updateRows(table, key, List.of(inet), "").map(r -> r.sql(1)).orElse("-- one UPDATE per row")));
        Golden.check(d.id(), "update-rows", all);
    }

    /**
     * ADR 063, for the dialects that can bulk load: a table taken into a bulk load (INSERT trigger and
     * tick index off, the guard against other writers on), then out of it.
     */
    @ParameterizedTest
    @MethodSource("dialects")
    void bulkLoadTable(Dialect d) {
        if (!d.capabilities().bulkLoad()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.tracking().enterBulkLoad(Golden.sample(schema(d))))
                    .isInstanceOf(UnsupportedOperationException.class);
            return;
        }
        TableDefinition t = Golden.sample(schema(d));
        List<SqlStatement> all = new ArrayList<>(d.tracking().enterBulkLoad(t));
        all.addAll(d.tracking().completeBulkLoad(t));
        Golden.check(d.id(), "bulk-load-table", all);
    }

    private static String schema(Dialect d) {
        return d.capabilities().schemas() ? "public" : null;
    }
}
