package dev.syncwright.dialect.postgres;

import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.RowTemplate;
import dev.syncwright.dialect.SqlNames;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * {@code UPDATE t AS b SET c = v.s1 … FROM (VALUES (…), (…)) AS v(k1, …, s1, …) WHERE b.k = v.k1} (ADR 062).
 *
 * <p>PostgreSQL gives each column of a VALUES list one type, from its first row, and a parameter
 * the driver sends untyped (the codec's TEXT and JSON, a NULL of some types) would make it text,
 * which a date, json or enum column does not take by assignment. So the first row casts each
 * parameter to the type the codec binds it as: a no-op for a typed value, and the later assignment
 * to the column (typmod checks, rounding, overflow) is the one a one-row UPDATE made. Where the
 * codec leaves the type to the column (TEXT other than {@code text}: enums, arrays, inet...; JSON
 * other than json/jsonb) the column's own type would be needed, and an explicit cast to it can
 * truncate where assignment refuses (varchar(n), bit(n), a domain over them): those tables keep one
 * UPDATE per row. So do CHAR keys: bpchar compared with varchar is not the comparison the key's index
 * answers.
 */
final class PgRowUpdates {
    private PgRowUpdates() {
    }

    static Optional<RowTemplate> updateRows(SqlNames names, String table, List<ColumnDefinition> key, List<ColumnDefinition> set,
                                            String alsoSet) {
        StringJoiner aliases = new StringJoiner(", ");
        StringJoiner first = new StringJoiner(", ", "(", ")");
        StringJoiner where = new StringJoiner(" AND ");
        for (int i = 0; i < key.size(); i++) {
            ColumnDefinition k = key.get(i);
            String cast = cast(k).orElse(null);
            if (cast == null || k.type().kind() == PortableType.Kind.CHAR) {
                return Optional.empty();
            }
            aliases.add("k" + (i + 1));
            first.add("CAST(? AS " + cast + ")");
            where.add("b." + names.quote(k.name()) + " = v.k" + (i + 1));
        }
        StringJoiner sets = new StringJoiner(", ");
        for (int i = 0; i < set.size(); i++) {
            ColumnDefinition c = set.get(i);
            String cast = cast(c).orElse(null);
            if (cast == null) {
                return Optional.empty();
            }
            aliases.add("s" + (i + 1));
            first.add("CAST(? AS " + cast + ")");
            sets.add(names.quote(c.name()) + " = v.s" + (i + 1));
        }
        if (!alsoSet.isEmpty()) {
            sets.add(alsoSet);
        }
        int params = key.size() + set.size();
        String next = "(" + String.join(", ", java.util.Collections.nCopies(params, "?")) + ")";
        return Optional.of(new RowTemplate("UPDATE " + table + " AS b SET " + sets + " FROM (VALUES ", first.toString(), ", ", next,
                ") AS v(" + aliases + ") WHERE " + where, params));
    }

    /** The type {@link PgCodec#bind} sends a value of this column as, where it sends one. */
    private static Optional<String> cast(ColumnDefinition c) {
        return Optional.ofNullable(switch (c.type().kind()) {
            case SMALLINT -> "int2";
            case INTEGER -> "int4";
            case BIGINT -> "int8";
            case NUMERIC -> "numeric";
            case REAL -> "float4";
            case DOUBLE -> "float8";
            case BOOLEAN -> "bool";
            case VARCHAR, CHAR -> "varchar";
            case BYTES -> "bytea";
            case UUID -> "uuid";
            case DATE -> "date";
            case TIME -> "time";
            case TIMESTAMP -> "timestamp";
            case TIMESTAMPTZ -> "timestamptz";
            case TEXT -> c.nativeType().equals("text") ? "text" : null;
            case JSON -> c.nativeType().equals("json") || c.nativeType().equals("jsonb") ? c.nativeType() : null;
        });
    }
}
