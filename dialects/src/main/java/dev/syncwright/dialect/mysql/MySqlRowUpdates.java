package dev.syncwright.dialect.mysql;

import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.RowTemplate;
import dev.syncwright.dialect.SqlNames;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * {@code UPDATE t AS b JOIN (SELECT ? AS k1, ? AS s1 UNION ALL SELECT ?, ? …) AS v ON b.k = v.k1 SET b.c = v.s1}
 * (ADR 062): a join-update, not {@code INSERT … ON DUPLICATE KEY UPDATE}, which would fire the
 * table's INSERT triggers and check NOT NULL columns the change does not carry. MariaDB cannot name a
 * VALUES list's columns in a derived table, hence the UNION ALL of SELECTs (it takes as many rows).
 * A derived table's text column carries the connection's collation with the same strength as the
 * key column's own, so comparing a textual key with it could refuse (an illegal mix of collations)
 * or match keys the key's collation keeps apart: tables with a textual key keep one UPDATE per row.
 * Assigning a derived column converts as assigning the literal the driver writes would.
 */
final class MySqlRowUpdates {
    private MySqlRowUpdates() {
    }

    static Optional<RowTemplate> updateRows(SqlNames names, String table, List<ColumnDefinition> key, List<ColumnDefinition> set,
                                            String alsoSet) {
        StringJoiner first = new StringJoiner(", ", "SELECT ", "");
        StringJoiner on = new StringJoiner(" AND ");
        for (int i = 0; i < key.size(); i++) {
            ColumnDefinition k = key.get(i);
            if (SqlNames.textual(k.type()) || k.type().kind() == dev.syncwright.dialect.PortableType.Kind.BYTES) {
                return Optional.empty();
            }
            first.add("? AS k" + (i + 1));
            on.add("b." + names.quote(k.name()) + " = v.k" + (i + 1));
        }
        StringJoiner sets = new StringJoiner(", ");
        for (int i = 0; i < set.size(); i++) {
            first.add("? AS s" + (i + 1));
            sets.add("b." + names.quote(set.get(i).name()) + " = v.s" + (i + 1));
        }
        if (!alsoSet.isEmpty()) {
            sets.add(alsoSet);
        }
        int params = key.size() + set.size();
        String next = "SELECT " + String.join(", ", java.util.Collections.nCopies(params, "?"));
        return Optional.of(new RowTemplate("UPDATE " + table + " AS b JOIN (", first.toString(), " UNION ALL ", next,
                ") AS v ON " + on + " SET " + sets, params));
    }
}
