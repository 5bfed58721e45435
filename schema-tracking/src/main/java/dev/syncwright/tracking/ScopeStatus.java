package dev.syncwright.tracking;

import java.util.List;

/** What {@code syncwright status} shows: the scope, its replica id, the dialect and each table's state. */
public record ScopeStatus(String scope, String replicaId, String dialect, int definitionVersion, List<TableStatus> tables) {
    public ScopeStatus {
        tables = List.copyOf(tables);
    }

    public boolean drift() {
        return tables.stream().anyMatch(TableStatus::drift);
    }
}
