package dev.syncwright.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Golden-file check for generated SQL: compares with src/test/resources/golden/&lt;dialect&gt;/&lt;name&gt;.sql.
 * Regenerate after an intended change with {@code ./mvnw -pl dialects test -Dgolden.update=true} and
 * review the diff.
 */
public final class Golden {
    private Golden() {
    }

    public static void check(String dialect, String name, List<SqlStatement> statements) {
        String actual = statements.stream().map(s -> "-- " + s.kind() + " " + s.object() + "\n" + s.sql() + ";\n")
                .collect(Collectors.joining("\n"));
        Path file = Path.of("src/test/resources/golden", dialect, name + ".sql");
        try {
            if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            }
            assertThat(actual).as("generated SQL differs from %s (regenerate with -Dgolden.update=true)", file)
                    .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A table with a composite key, several types, a hostile name and a retired change unit. */
    public static TableDefinition sample(String schema) {
        return new TableDefinition(new TableName(schema, "Order \"Lines\" ü"),
                List.of(new ColumnDefinition("order id", "integer", PortableType.of(PortableType.Kind.INTEGER), false, 1, -1),
                        new ColumnDefinition("line", "integer", PortableType.of(PortableType.Kind.INTEGER), false, 2, -1),
                        new ColumnDefinition("select", "text", PortableType.of(PortableType.Kind.TEXT), true, 0, 0),
                        new ColumnDefinition("doc", "json", PortableType.of(PortableType.Kind.JSON), true, 0, 2),
                        new ColumnDefinition("it's", "numeric(10,2)", PortableType.numeric(10, 2), false, 0, 3)),
                List.of(), List.of(), 4);
    }
}
