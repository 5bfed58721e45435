package dev.syncwright.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TableName;
import java.util.List;
import java.util.Optional;

/**
 * The provisioned shape of a scope, stored as JSON in the scope table: tables in foreign-key order
 * (parents first) with their columns, portable types, keys and change-unit indexes. {@code version}
 * grows by one at each re-provisioning that changes it. {@code format} is the version of the
 * tracking objects (triggers, sync tables) that provisioned it: a scope of an older format is
 * upgraded by provisioning it again (0 reads as 1, the format before this field existed).
 * {@code bulkLoading}: a new client is loading its first download with its tables' insert tracking
 * left off (ADR 063) and has not completed it; stored only while true, so every other definition's
 * text is as before. {@code capture}: how the scope's changes are captured when not by its triggers
 * ({@code logical}: from the database's log, ADR 065); stored only then.
 */
public record ScopeDefinition(String name, int version, List<TableDefinition> tables, int format,
                              @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean bulkLoading,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String capture) {
    /**
     * 2: triggers suppressed per table, not per transaction (ADR 042); a conflict log with the
     * database's message; MySQL/MariaDB cascade triggers and TRUNCATE guards; row triggers on
     * PostgreSQL partitioned tables.
     */
    public static final int CURRENT_FORMAT = 2;

    public ScopeDefinition {
        tables = List.copyOf(tables);
        format = format == 0 ? 1 : format;
    }

    public ScopeDefinition(String name, int version, List<TableDefinition> tables, int format, boolean bulkLoading) {
        this(name, version, tables, format, bulkLoading, null);
    }

    public ScopeDefinition(String name, int version, List<TableDefinition> tables, int format) {
        this(name, version, tables, format, false);
    }

    public ScopeDefinition(String name, int version, List<TableDefinition> tables) {
        this(name, version, tables, CURRENT_FORMAT);
    }

    /** This definition with {@link #bulkLoading} set as given (nothing else changes, not the version). */
    public ScopeDefinition withBulkLoading(boolean loading) {
        return new ScopeDefinition(name, version, tables, format, loading, capture);
    }

    /** This definition captured as {@code mode} says (null: by triggers); nothing else changes, not the version. */
    public ScopeDefinition withCapture(String mode) {
        return new ScopeDefinition(name, version, tables, format, bulkLoading, mode);
    }

    public Optional<TableDefinition> table(TableName tableName) {
        return tables.stream().filter(t -> t.name().equals(tableName)).findFirst();
    }

    /** True when this scope's tracking objects are older than this version of Syncwright writes. */
    public boolean outdated() {
        return format < CURRENT_FORMAT;
    }
}
