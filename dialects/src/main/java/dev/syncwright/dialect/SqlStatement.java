package dev.syncwright.dialect;

import java.util.Objects;

/**
 * One complete SQL statement of a provisioning step, typed so that it can be executed, printed as
 * a script or turned into a migration changeset. {@code sql} is always exactly one statement, with
 * no trailing semicolon; trigger and function bodies stay inside it (never split them).
 *
 * @param kind   what the statement does
 * @param object the (unquoted, human-readable) name of the object it creates, changes or fills
 * @param sql    the statement text
 */
public record SqlStatement(Kind kind, String object, String sql) {
    public enum Kind {
        CREATE_SCHEMA, CREATE_TABLE, CREATE_SEQUENCE, CREATE_FUNCTION, CREATE_TRIGGER, CREATE_INDEX,
        ALTER_TABLE, INSERT, UPDATE, DELETE,
        DROP_TRIGGER, DROP_FUNCTION, DROP_INDEX, DROP_TABLE, DROP_SEQUENCE, DROP_SCHEMA,
        /** Log capture (ADR 065): publications, replication slots, a logical-decoding message. */
        CREATE_PUBLICATION, ALTER_PUBLICATION, DROP_PUBLICATION, CREATE_SLOT, DROP_SLOT, MESSAGE;

        /** Whether the statement changes the schema (as opposed to rows). */
        public boolean ddl() {
            return this != INSERT && this != UPDATE && this != DELETE && this != MESSAGE;
        }
    }

    public SqlStatement {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(sql, "sql");
    }

    public static SqlStatement of(Kind kind, String object, String sql) {
        return new SqlStatement(kind, object, sql.strip());
    }
}
