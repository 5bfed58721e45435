package dev.syncwright.tracking;

import dev.syncwright.dialect.TableName;
import java.util.List;

/**
 * Tracking state of one table. {@code trackedRows} counts live tracked rows, {@code tombstones} the
 * deleted ones still remembered; {@code drift} is true when the live columns differ from the
 * provisioned definition (listed in the three column lists).
 */
public record TableStatus(TableName name, long trackedRows, long tombstones, boolean drift,
                          List<String> addedColumns, List<String> removedColumns, List<String> changedColumns) {
    public TableStatus {
        addedColumns = List.copyOf(addedColumns);
        removedColumns = List.copyOf(removedColumns);
        changedColumns = List.copyOf(changedColumns);
    }
}
