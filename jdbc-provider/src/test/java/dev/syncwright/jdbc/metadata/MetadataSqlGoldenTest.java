package dev.syncwright.jdbc.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.dialect.DatabaseProduct;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.DialectFactory;
import dev.syncwright.dialect.Dialects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every statement jOOQ renders for the metadata store, per database, pinned in
 * {@code src/test/resources/golden/metadata/<dialect>.sql} so that a jOOQ upgrade or a change of the
 * rendering shows in review. Regenerate with {@code -Dgolden.update=true} and read the diff.
 */
class MetadataSqlGoldenTest {

    static Stream<Dialect> dialects() {
        return Stream.of(new DatabaseProduct("PostgreSQL", "15.0", 15, 0), new DatabaseProduct("MySQL", "8.0.36", 8, 0),
                new DatabaseProduct("MariaDB", "10.11.6-MariaDB", 10, 11), new DatabaseProduct("SQLite", "3.50.3", 3, 50))
                .map(p -> {
                    DialectFactory f = Dialects.factories().stream().filter(x -> x.matches(p)).findFirst().orElseThrow();
                    return f.create(p, null);
                });
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void renderedStatements(Dialect d) throws IOException {
        Tables t = new Tables(d, Tables.DEFAULT_PREFIX);
        List<String> all = new ArrayList<>();
        all.add(t.createReplica());
        all.addAll(t.createRest());
        all.add(t.upsert(true, Tables.ITEM_COLUMNS, 1));
        all.add(t.upsert(false, List.of(Tables.FIELD_ID, Tables.VALUE_KEY, Tables.ITEM_ID), 2));
        all.add(t.item());
        all.add(t.deleteItem());
        all.add(t.deleteIndexOf());
        all.add(t.clearIndex());
        all.add(t.itemsPage(true, true, true, 500));
        all.add(t.itemsPage(false, true, false, 500));
        all.add(t.changedIds(10_001));
        all.add(t.changedPage(true, 500));
        all.add(t.changedAmong(3));
        all.add(t.byCustomField());
        all.add(t.anyOfField());
        all.add(t.replicaRow("schema_version", "replica_id"));
        all.add(t.insertReplica());
        all.add(t.updateReplica("knowledge"));
        all.add(t.nextConflictSeq());
        all.add(t.insertConflict());
        all.add(t.resolveConflicts());
        all.add(t.allConflicts());
        String actual = String.join(";\n\n", all) + ";\n";
        Path file = Path.of("src/test/resources/golden/metadata", d.id() + ".sql");
        if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("rendered SQL differs from %s (regenerate with -Dgolden.update=true)", file)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
