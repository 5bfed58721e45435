package dev.syncwright.dialect;

import java.util.List;

/** A unique constraint (not the primary key). */
public record UniqueConstraint(String name, List<String> columns) {
    public UniqueConstraint {
        columns = List.copyOf(columns);
    }
}
