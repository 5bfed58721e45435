package dev.syncwright.dialect;

/** What a database failure means for the person running Syncwright ({@link DialectFactory#explain}). */
public enum FailureKind {
    /** The database user lacks a right, or the database is read-only. */
    PERMISSION_DENIED,
    /** The database's disk (or table space) is full. */
    DISK_FULL,
    /** The server went away or ended the session. */
    CONNECTION_LOST
}
