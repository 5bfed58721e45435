package dev.syncwright.dialect.postgres;

import static dev.syncwright.dialect.TypeMapping.digitsSuffix;
import static dev.syncwright.dialect.TypeMapping.lengthSuffix;
import static dev.syncwright.dialect.TypeMapping.precisionSuffix;

import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.ColumnDomain;
import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TypeMapping;

/** PostgreSQL's types: every portable type has an exact one; text cannot hold U+0000. */
final class PgTypeMapping implements TypeMapping {

    @Override
    public ColumnDomain domain(ColumnDefinition c) {
        return ColumnDomain.of(c).withLimits(true, false);
    }

    @Override
    public String nativeType(TableDefinition t, ColumnDefinition c, ColumnDomain server) {
        PortableType p = c.type();
        return switch (p.kind()) {
            case SMALLINT -> "smallint";
            case INTEGER -> "integer";
            case BIGINT -> "bigint";
            case NUMERIC -> "numeric" + precisionSuffix(p);
            case REAL -> "real";
            case DOUBLE -> "double precision";
            case BOOLEAN -> "boolean";
            case TEXT -> "text";
            case VARCHAR -> "varchar" + lengthSuffix(p);
            case CHAR -> p.length() == null ? "bpchar" : "char" + lengthSuffix(p);
            case BYTES -> "bytea";
            case UUID -> "uuid";
            case DATE -> "date";
            case TIME -> "time" + digitsSuffix(server);
            case TIMESTAMP -> "timestamp" + digitsSuffix(server);
            case TIMESTAMPTZ -> "timestamptz" + digitsSuffix(server);
            // json keeps the text as written; jsonb would rewrite what a SQLite or MariaDB server sends
            case JSON -> "json";
        };
    }
}
