package dev.syncwright.dialect;

import java.util.List;

/**
 * A foreign key: {@code columns} of the owning table reference {@code referencedColumns} of {@code referenced}.
 * {@code onDelete} / {@code onUpdate} are the referential actions in SQL spelling ({@code NO ACTION},
 * {@code RESTRICT}, {@code CASCADE}, {@code SET NULL}, {@code SET DEFAULT}); null reads as NO ACTION.
 */
public record ForeignKey(String name, List<String> columns, TableName referenced, List<String> referencedColumns,
                         String onDelete, String onUpdate) {
    public static final String NO_ACTION = "NO ACTION";

    public ForeignKey {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
        onDelete = onDelete == null ? NO_ACTION : onDelete;
        onUpdate = onUpdate == null ? NO_ACTION : onUpdate;
    }

    public ForeignKey(String name, List<String> columns, TableName referenced, List<String> referencedColumns) {
        this(name, columns, referenced, referencedColumns, NO_ACTION, NO_ACTION);
    }

    /** True when deleting (or re-keying) a referenced row writes rows of the owning table: CASCADE, SET NULL, SET DEFAULT. */
    public boolean writesOnDelete() {
        return writes(onDelete);
    }

    public boolean writesOnUpdate() {
        return writes(onUpdate);
    }

    private static boolean writes(String action) {
        return action.equals("CASCADE") || action.startsWith("SET ");
    }
}
