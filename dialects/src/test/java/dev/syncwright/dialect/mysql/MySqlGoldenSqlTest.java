package dev.syncwright.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.PortableType.Kind;
import dev.syncwright.dialect.SqlStatement;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TableName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden files of the generated SQL, so that a change to a trigger shows up in review.
 * {@code -Dgolden.update=true} rewrites them (then review the diff).
 */
class MySqlGoldenSqlTest {
    private static final Path DIR = Path.of("src/test/resources/golden");

    /** A hostile table: mixed case, quotes, a reserved word, Unicode; composite key with a collation. */
    static TableDefinition hostile() {
        return new TableDefinition(TableName.of("shop", "Order `Lines` 'ü'"), List.of(
                new ColumnDefinition("order", "varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", PortableType.sized(Kind.VARCHAR, 20), false, 1, -1),
                new ColumnDefinition("line no", "int", PortableType.of(Kind.INTEGER), false, 2, -1),
                new ColumnDefinition("qty", "int", PortableType.of(Kind.INTEGER), true, 0, 0),
                new ColumnDefinition("Note`s", "text CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci", PortableType.of(Kind.TEXT), true, 0, 1),
                new ColumnDefinition("doc", "json", PortableType.of(Kind.JSON), true, 0, 2)),
                List.of(), List.of(), 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void trackingSql(String flavour) throws IOException {
        boolean maria = flavour.equals("mariadb");
        MySqlNames names = new MySqlNames();
        MySqlTrackingSql sql = new MySqlTrackingSql(names, maria);
        TableDefinition t = hostile();
        List<SqlStatement> all = new ArrayList<>(sql.createSyncObjects());
        all.addAll(sql.provisionTable(t));
        TableDefinition grown = new TableDefinition(t.name(), concat(t.columns(), new ColumnDefinition("color", "varchar(10)",
                PortableType.sized(Kind.VARCHAR, 10), true, 0, 3)), List.of(), List.of(), 4);
        all.addAll(sql.alterTable(t, grown));
        all.addAll(sql.deprovisionTable(t));
        all.addAll(sql.dropSyncObjects());
        StringBuilder text = new StringBuilder();
        for (SqlStatement s : all) {
            text.append("-- ").append(s.kind()).append(' ').append(s.object()).append('\n').append(s.sql()).append(";\n\n");
        }
        TableName trk = names.trackingTableName(t.name());
        text.append("-- stamping\n").append(sql.stampCandidates(trk, List.of("order", "line no"))).append(";\n\n")
                .append(sql.stamp(trk, List.of("order", "line no"), 3, 2)).append(";\n");
        compare(DIR.resolve(flavour).resolve("tracking.sql"), text.toString());
    }

    /**
     * The join-update of ADR 062 (the same for MySQL and MariaDB): for a table with an integer key,
     * for its tracking table, and declined for the hostile table's textual key.
     */
    @org.junit.jupiter.api.Test
    void updateRows() throws IOException {
        MySqlNames names = new MySqlNames();
        TableDefinition t = hostile();
        List<ColumnDefinition> key = List.of(new ColumnDefinition("line no", "int", PortableType.of(Kind.INTEGER), false, 1, -1));
        List<ColumnDefinition> set = t.changeUnits();
        String table = names.table(t.name());
        StringBuilder text = new StringBuilder("-- base rows\n");
        text.append(MySqlRowUpdates.updateRows(names, table, key, set, "").orElseThrow().sql(3)).append(";\n\n-- tracking rows\n");
        List<ColumnDefinition> versions = List.of(new ColumnDefinition("sw_tick", "bigint", PortableType.of(Kind.BIGINT), false, 0, -1),
                new ColumnDefinition("sw_pend", "tinyint", PortableType.of(Kind.SMALLINT), true, 0, -1));
        text.append(MySqlRowUpdates.updateRows(names, names.trackingTable(t.name()), key, versions,
                "sw_at = " + new MySqlTrackingSql(names, true).changeTimeExpression()).orElseThrow().sql(2)).append(";\n\n");
        text.append("-- a textual key: ").append(MySqlRowUpdates.updateRows(names, table, t.primaryKey(), set, "").isPresent()
                ? "multi-row" : "one UPDATE per row").append('\n');
        compare(DIR.resolve("mysql").resolve("update-rows.sql"), text.toString());
    }

    private static List<ColumnDefinition> concat(List<ColumnDefinition> a, ColumnDefinition b) {
        List<ColumnDefinition> out = new ArrayList<>(a);
        out.add(b);
        return out;
    }

    static void compare(Path golden, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update") || !Files.exists(golden)) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("generated SQL differs from %s (rerun with -Dgolden.update=true and review the diff)", golden)
                .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
