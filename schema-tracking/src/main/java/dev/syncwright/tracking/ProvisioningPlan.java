package dev.syncwright.tracking;

import dev.syncwright.dialect.SqlStatement;
import dev.syncwright.dialect.Jdbc;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The statements that provision (or deprovision) a scope, computed against the current state of the
 * database: empty when there is nothing to do. Execute it, print it as a script, or turn each
 * statement into a migration changeset (each {@link SqlStatement} is exactly one statement; never split
 * it further, trigger bodies contain semicolons).
 */
public final class ProvisioningPlan {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProvisioningPlan.class);
    private final String scope;
    private final String dialect;
    private final List<SqlStatement> statements;
    private final ScopeDefinition definition;

    ProvisioningPlan(String scope, String dialect, List<SqlStatement> statements, ScopeDefinition definition) {
        this.scope = scope;
        this.dialect = dialect;
        this.statements = List.copyOf(statements);
        this.definition = definition;
    }

    public String scope() {
        return scope;
    }

    /** The dialect id the SQL is written for. */
    public String dialect() {
        return dialect;
    }

    public List<SqlStatement> statements() {
        return statements;
    }

    /** The scope definition after the plan has run; empty for a deprovisioning plan. */
    public Optional<ScopeDefinition> definition() {
        return Optional.ofNullable(definition);
    }

    public boolean isEmpty() {
        return statements.isEmpty();
    }

    /** Runs every statement in order on the caller's connection, in the caller's transaction. */
    public void execute(Connection connection) {
        for (SqlStatement s : statements) {
            LOG.debug("Provisioning scope '{}': {} {}", scope, s.kind(), s.object());
            LOG.trace("{}", s.sql());
            Jdbc.execute(connection, s);
        }
    }

    /** A script: each statement followed by {@code ;} and a blank line. */
    public String toSql() {
        return statements.stream().map(s -> "-- " + s.kind() + " " + s.object() + "\n" + s.sql() + ";\n")
                .collect(Collectors.joining("\n"));
    }

    @Override
    public String toString() {
        return "ProvisioningPlan[" + scope + ", " + dialect + ", " + statements.size() + " statements]";
    }
}
