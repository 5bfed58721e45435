package dev.syncwright.dialect.postgres;

import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.PortableType.Kind;

/** Maps pg_type names (with their typmod) to portable types; null when unsupported. */
final class PgTypes {
    private PgTypes() {
    }

    static PortableType portable(String typname, int typmod) {
        return switch (typname) {
            case "int2" -> PortableType.of(Kind.SMALLINT);
            case "int4" -> PortableType.of(Kind.INTEGER);
            case "int8" -> PortableType.of(Kind.BIGINT);
            case "numeric" -> typmod < 4 ? PortableType.numeric(null, null)
                    : PortableType.numeric(((typmod - 4) >> 16) & 0xffff, (typmod - 4) & 0xffff);
            case "float4" -> PortableType.of(Kind.REAL);
            case "float8" -> PortableType.of(Kind.DOUBLE);
            case "bool" -> PortableType.of(Kind.BOOLEAN);
            case "text" -> PortableType.of(Kind.TEXT);
            case "varchar" -> PortableType.sized(Kind.VARCHAR, typmod < 4 ? null : typmod - 4);
            case "bpchar" -> PortableType.sized(Kind.CHAR, typmod < 4 ? null : typmod - 4);
            case "bytea" -> PortableType.of(Kind.BYTES);
            case "uuid" -> PortableType.of(Kind.UUID);
            case "date" -> PortableType.of(Kind.DATE);
            case "time" -> PortableType.of(Kind.TIME);
            case "timestamp" -> PortableType.of(Kind.TIMESTAMP);
            case "timestamptz" -> PortableType.of(Kind.TIMESTAMPTZ);
            case "json", "jsonb" -> PortableType.of(Kind.JSON);
            default -> null;
        };
    }
}
