package dev.syncwright.dialect.sqlite;

import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.RowTemplate;
import dev.syncwright.dialect.SqlNames;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;

/**
 * {@code UPDATE t AS b SET c = v.column2 … FROM (VALUES (?, ?), …) AS v WHERE b.k = v.column1} (ADR 062;
 * UPDATE FROM since SQLite 3.33, below our minimum). A VALUES column has no affinity, like a bound
 * parameter: the comparison with the key and the assignment to the column convert exactly as in
 * {@code UPDATE t SET c = ? WHERE k = ?}. SQLite names VALUES columns column1, column2...
 */
final class SqliteRowUpdates {
    private SqliteRowUpdates() {
    }

    static RowTemplate updateRows(SqlNames names, String table, List<ColumnDefinition> key, List<ColumnDefinition> set, String alsoSet) {
        StringJoiner where = new StringJoiner(" AND ");
        for (int i = 0; i < key.size(); i++) {
            where.add("b." + names.quote(key.get(i).name()) + " = v.column" + (i + 1));
        }
        StringJoiner sets = new StringJoiner(", ");
        for (int i = 0; i < set.size(); i++) {
            sets.add(names.quote(set.get(i).name()) + " = v.column" + (key.size() + i + 1));
        }
        if (!alsoSet.isEmpty()) {
            sets.add(alsoSet);
        }
        int params = key.size() + set.size();
        String row = "(" + String.join(", ", Collections.nCopies(params, "?")) + ")";
        return new RowTemplate("UPDATE " + table + " AS b SET " + sets + " FROM (VALUES ", row, ", ", row, ") AS v WHERE " + where,
                params);
    }
}
