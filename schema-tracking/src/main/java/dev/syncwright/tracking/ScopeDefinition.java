package dev.syncwright.tracking;

import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TableName;
import java.util.List;
import java.util.Optional;

/**
 * The provisioned shape of a scope, stored as JSON in the scope table: tables in foreign-key order
 * (parents first) with their columns, portable types, keys and change-unit indexes. {@code version}
 * grows by one at each re-provisioning that changes it.
 */
public record ScopeDefinition(String name, int version, List<TableDefinition> tables) {
    public ScopeDefinition {
        tables = List.copyOf(tables);
    }

    public Optional<TableDefinition> table(TableName tableName) {
        return tables.stream().filter(t -> t.name().equals(tableName)).findFirst();
    }
}
