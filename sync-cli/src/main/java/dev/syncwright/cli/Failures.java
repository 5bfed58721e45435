package dev.syncwright.cli;

import dev.syncwright.dialect.Dialects;
import dev.syncwright.dialect.FailureKind;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What a database failure means for the user, read from the driver's own codes rather than from its
 * words: the exit code (a right the user lacks is a configuration error, 3, whichever command meets
 * it) and what to do.
 */
final class Failures {
    private Failures() {
    }

    /** The database refused a right (access denied, read-only), as the database of the driver that raised it says. */
    static boolean permissionDenied(Throwable e) {
        return Dialects.explain(e).filter(k -> k == FailureKind.PERMISSION_DENIED).isPresent();
    }

    /** The disk of the database is full, as the database of the driver that raised it says. */
    static boolean diskFull(Throwable e) {
        return Dialects.explain(e).filter(k -> k == FailureKind.DISK_FULL).isPresent();
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
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
                return true; // SQL's connection-exception class
            }
        }
        return Dialects.explain(e).filter(k -> k == FailureKind.CONNECTION_LOST).isPresent();
    }

    /** What a user lacking a right should do, for a command that needs {@code needs}. */
    static String grantHint(String needs) {
        return "; the database user lacks a right: grant it what the command needs (" + needs + "), then run it again";
    }

    /** "local" or "remote" when the failure came from the driver of only one of the two URLs, else null. */
    static String side(Throwable e, String localUrl, String remoteUrl) {
        Optional<Class<?>> d = Dialects.raisedBy(e).map(Object::getClass);
        boolean isRemote = d.isPresent() && d.equals(Dialects.forUrl(remoteUrl).map(Object::getClass));
        boolean isLocal = d.isPresent() && d.equals(Dialects.forUrl(localUrl).map(Object::getClass));
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
