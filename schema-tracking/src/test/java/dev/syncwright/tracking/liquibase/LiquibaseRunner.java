package dev.syncwright.tracking.liquibase;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;

/** Applies and rolls back a changelog file with Liquibase's own command API, as a team's migration would. */
final class LiquibaseRunner {
    static {
        // no phoning home from a test run
        System.setProperty("liquibase.analytics.enabled", "false");
        System.setProperty("liquibase.showBanner", "false");
    }

    private LiquibaseRunner() {
    }

    static void update(Connection c, Path changelog) throws Exception {
        run(c, changelog, new CommandScope(UpdateCommandStep.COMMAND_NAME)
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog.getFileName().toString()));
    }

    static void rollbackCount(Connection c, Path changelog, int count) throws Exception {
        run(c, changelog, new CommandScope(RollbackCountCommandStep.COMMAND_NAME)
                .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, changelog.getFileName().toString())
                .addArgumentValue(RollbackCountCommandStep.COUNT_ARG, count));
    }

    /** Closes {@code c} (Liquibase's Database owns it from here). */
    private static void run(Connection c, Path changelog, CommandScope command) throws Exception {
        try (Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c))) {
            Map<String, Object> scope = Map.of(Scope.Attr.resourceAccessor.name(),
                    new DirectoryResourceAccessor(changelog.toAbsolutePath().getParent()));
            Scope.child(scope, () -> command
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .execute());
        }
    }
}
