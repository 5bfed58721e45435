package dev.syncwright.dialect;

import java.util.List;

/** A foreign key: {@code columns} of the owning table reference {@code referencedColumns} of {@code referenced}. */
public record ForeignKey(String name, List<String> columns, TableName referenced, List<String> referencedColumns) {
    public ForeignKey {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }
}
