package dev.syncwright.cli;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;

/**
 * What a database failure means for the user, read from the driver's own codes rather than from its
 * words: the exit code (a right the user lacks is a configuration error, 3, whichever command meets
 * it) and what to do.
 */
final class Failures {
    /**
     * MySQL/MariaDB: database, user, table, column, "specific" (SUPER, ...) and routine access denied,
     * and the SUPER right that binary logging asks for to create triggers.
     */
    private static final Set<Integer> MYSQL_DENIED = Set.of(1044, 1045, 1142, 1143, 1227, 1370, 1419);
    private static final Set<Integer> SQLITE_DENIED = Set.of(3 /* PERM */, 8 /* READONLY */, 23 /* AUTH */);

    private Failures() {
    }

    /** The database refused a right (PostgreSQL insufficient_privilege, MySQL/MariaDB access denied, SQLite read-only). */
    static boolean permissionDenied(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if ("42501".equals(state) || state != null && state.startsWith("28")
                        || state != null && MYSQL_DENIED.contains(s.getErrorCode()) && "mysql".equals(driver(s))
                        || SQLITE_DENIED.contains(s.getErrorCode() & 0xff) && "sqlite".equals(driver(s))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The disk is full: SQLite's SQLITE_FULL, PostgreSQL's disk_full, MySQL/MariaDB's "disk full" and "table is full". */
    static boolean diskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && ("53100".equals(s.getSQLState())
                    || (s.getErrorCode() == 1021 || s.getErrorCode() == 1114) && "mysql".equals(driver(s))
                    || (s.getErrorCode() & 0xff) == 13 && "sqlite".equals(driver(s)))) {
                return true;
            }
        }
        return false;
    }

    /** What to do for a failure of a known kind, or "" (appended to the message); {@code side}: "local", "remote" or null. */
    static String advice(Throwable e, String side) {
        return diskFull(e) ? "; the disk of the " + (side == null ? "" : side + " ") + "database is full: free space on it, "
                + "then run the command again" : "";
    }

    /** The connection broke: the server went away, killed the session, or the network failed. */
    static boolean connectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null
                    // connection exceptions; PostgreSQL: the server shut down or terminated the session
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    /** The driver family the innermost failure came from ("mysql", "postgresql", "sqlite"), or null. */
    static String driver(Throwable e) {
        String found = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement f : t.getStackTrace()) {
                String family = family(f.getClassName());
                if (family != null) {
                    found = family;
                    break;
                }
            }
        }
        return found;
    }

    /** The driver family a JDBC URL connects with, or null. */
    static String familyOfUrl(String url) {
        if (url == null) {
            return null;
        }
        return url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:") ? "mysql"
                : url.startsWith("jdbc:postgresql:") ? "postgresql" : url.startsWith("jdbc:sqlite:") ? "sqlite" : null;
    }

    private static String family(String className) {
        return className.startsWith("com.mysql.") || className.startsWith("org.mariadb.") ? "mysql"
                : className.startsWith("org.postgresql.") ? "postgresql" : className.startsWith("org.sqlite.") ? "sqlite" : null;
    }

    /** What a user lacking a right should do, for a command that needs {@code needs}. */
    static String grantHint(String needs) {
        return "; the database user lacks a right: grant it what the command needs (" + needs + "), then run it again";
    }

    /** "local" or "remote" when the failure came from the driver of only one of the two URLs, else null. */
    static String side(Throwable e, String localUrl, String remoteUrl) {
        String d = driver(e);
        boolean isRemote = d != null && d.equals(familyOfUrl(remoteUrl));
        boolean isLocal = d != null && d.equals(familyOfUrl(localUrl));
        return isRemote == isLocal ? null : isRemote ? "remote" : "local";
    }

    /** The innermost cause's message: a driver's top message may carry a whole nested stack trace. */
    static String innermost(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
