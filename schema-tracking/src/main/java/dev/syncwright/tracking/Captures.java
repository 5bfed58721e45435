package dev.syncwright.tracking;

import dev.syncwright.dialect.ChangeCapture;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.SqlFailure;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** Where a scope's changes are captured from: its triggers (the default) or the database's log (ADR 065). */
final class Captures {
    /** The default mode: row triggers write the tracking rows in the writer's transaction. */
    static final String TRIGGERS = "triggers";

    private Captures() {
    }

    /** The capture of {@code mode}, refused with the option's name where the database has none. */
    static ChangeCapture require(Dialect dialect, String mode) {
        Optional<ChangeCapture> capture = dialect.changeCapture();
        if (capture.isEmpty() || !capture.get().mode().equals(mode)) {
            throw new ProvisioningException("--capture " + mode + " is not available on " + dialect.id() + " (capture modes here: "
                    + TRIGGERS + capture.map(x -> ", " + x.mode()).orElse("") + ")");
        }
        return capture.get();
    }

    /** Switches the scope to the capture (again: after every provisioning, as new tables and triggers may have come). */
    static void enable(DataSource dataSource, ChangeCapture capture, ScopeDefinition definition) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            capture.enable(c, definition.name(), definition.tables());
        } catch (SQLException e) {
            throw new SqlFailure("Enabling log capture on", "scope '" + definition.name() + "'", e);
        }
    }

    /** The capture the scope uses now, if not its triggers. */
    static Optional<ChangeCapture> of(DataSource dataSource, Dialect dialect, String scope) {
        if (dialect.changeCapture().isEmpty()) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return dialect.changeCapture().filter(x -> x.enabled(c, scope));
        } catch (SQLException e) {
            throw new SqlFailure("Reading the capture mode of", "scope '" + scope + "'", e);
        }
    }

    /** Ends the log capture of the scope, if any (before its tracking objects go). */
    static void disable(DataSource dataSource, Dialect dialect, String scope) {
        Optional<ChangeCapture> capture = of(dataSource, dialect, scope);
        if (capture.isPresent()) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                capture.get().disable(c, scope);
            } catch (SQLException e) {
                throw new SqlFailure("Disabling log capture on", "scope '" + scope + "'", e);
            }
        }
    }
}
