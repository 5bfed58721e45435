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
            throw unavailable(dialect, mode);
        }
        return capture.get();
    }

    /** The refusal, naming the option and the database (the dialect's id as a label only). */
    static ProvisioningException unavailable(Dialect dialect, String mode) {
        return new ProvisioningException("--capture " + mode + " is not available on " + dialect.id() + " (capture modes here: "
                + TRIGGERS + dialect.changeCapture().map(x -> ", " + x.mode()).orElse("") + ")");
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

    /** Work on a connection of its own with autocommit on. */
    interface Work<T> {
        T run(Connection c);
    }

    static <T> T withConnection(DataSource dataSource, String what, String scope, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return work.run(c);
        } catch (SQLException e) {
            throw new SqlFailure(what, "scope '" + scope + "'", e);
        }
    }

    /**
     * One capture of the scope from the log, unless its slot is more than {@code maxLagBytes} behind (0: no
     * limit): then the slot is dropped, so that it cannot fill the disk, and the failure says so.
     */
    static long drain(DataSource dataSource, ChangeCapture capture, ScopeDefinition definition, long maxLagBytes) {
        String scope = definition.name();
        return withConnection(dataSource, "Capturing changes from the log of", scope, c -> {
            ChangeCapture.Status s = capture.status(c, scope);
            if (maxLagBytes > 0 && !s.lost() && s.lagBytes() > maxLagBytes) {
                capture.dropSlot(c, scope);
                throw new dev.syncwright.core.SyncException("The replication slot " + s.slot() + " of scope '" + scope + "' was " + s.lagBytes()
                        + " bytes behind the end of the log, more than the maximum lag of " + maxLagBytes + " bytes (--max-lag-bytes): it "
                        + "was dropped so that the server does not keep log for it without end. Syncs of the scope fail until "
                        + "`syncwright provision ... --capture logical` is run again, which creates a new slot and stamps every row "
                        + "as changed here (nothing is lost; peers may see conflicts).");
            }
            return capture.drain(c, scope, definition.tables());
        });
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
