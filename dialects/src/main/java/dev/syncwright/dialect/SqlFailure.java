package dev.syncwright.dialect;

import dev.syncwright.core.SyncException;
import java.sql.SQLException;

/**
 * A database error, wrapped once where it happened. Keeps the SQLState and vendor code of the
 * original {@link SQLException} (the cause) and names the object that was being worked on.
 */
public class SqlFailure extends SyncException {
    private static final long serialVersionUID = 1L;
    private final String sqlState;
    private final int vendorCode;
    private final String object;

    public SqlFailure(String action, String object, SQLException cause) {
        super(action + " '" + object + "' failed: " + cause.getMessage()
                + " [SQLState " + cause.getSQLState() + ", code " + cause.getErrorCode() + "]", cause);
        this.sqlState = cause.getSQLState();
        this.vendorCode = cause.getErrorCode();
        this.object = object;
    }

    public String sqlState() {
        return sqlState;
    }

    public int vendorCode() {
        return vendorCode;
    }

    /** The object (table, trigger, scope...) the failing statement worked on. */
    public String object() {
        return object;
    }
}
