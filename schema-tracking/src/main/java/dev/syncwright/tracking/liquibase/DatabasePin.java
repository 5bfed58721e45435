package dev.syncwright.tracking.liquibase;

import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.tracking.ProvisioningPlan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * On MySQL/MariaDB the plan qualifies every table with the database it was computed against (the
 * schema of a table is its database there), so its SQL only fits a database of that name: applied
 * elsewhere, it would put triggers on the original database's tables. Until the dialect writes
 * unqualified names for the current database (API-REQUESTS.md), the changelog carries a
 * precondition that halts Liquibase with a clear message instead.
 */
record DatabasePin(String database, String sqlCheck) {

    static Optional<DatabasePin> of(ProvisioningPlan plan, Dialect dialect) {
        List<String> schemas = plan.definition().map(d -> d.tables().stream().map(TableDefinition::name)
                .map(n -> n.schema()).filter(Objects::nonNull).distinct().toList()).orElse(List.of());
        if (schemas.size() != 1) {
            return Optional.empty();
        }
        String db = schemas.get(0);
        return dialect.currentDatabaseCheck(db).map(check -> new DatabasePin(db, check));
    }
}
