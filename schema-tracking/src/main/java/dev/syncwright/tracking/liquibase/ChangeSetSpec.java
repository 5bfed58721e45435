package dev.syncwright.tracking.liquibase;

import dev.syncwright.dialect.SqlStatement;
import java.util.List;

/**
 * One changeSet to write. An empty {@code rollback} means "no automatic rollback": Liquibase then
 * refuses to roll it back instead of silently doing nothing.
 */
record ChangeSetSpec(String id, String comment, List<SqlStatement> statements, List<SqlStatement> rollback) {
    ChangeSetSpec {
        statements = List.copyOf(statements);
        rollback = List.copyOf(rollback);
    }
}
