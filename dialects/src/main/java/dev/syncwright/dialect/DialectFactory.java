package dev.syncwright.dialect;

import java.sql.Connection;

/**
 * Service-provider interface (listed in {@code META-INF/services/dev.syncwright.dialect.DialectFactory}):
 * recognizes a database product and creates its {@link Dialect}.
 */
public interface DialectFactory {

    /** Whether this factory handles the product (by name; the version is checked by {@link #create}). */
    boolean matches(DatabaseProduct product);

    /**
     * Creates the dialect. May query the server (e.g. to tell MariaDB from MySQL). Throws
     * {@link UnsupportedDatabaseException} when the version is below the supported minimum.
     */
    Dialect create(DatabaseProduct product, Connection connection);

    /** Whether {@code className} is a class of this database's JDBC driver: tells which database raised a failure. */
    default boolean ownsDriverClass(String className) {
        return false;
    }

    /** Whether {@code jdbcUrl} connects to this database. */
    default boolean ownsUrl(String jdbcUrl) {
        return false;
    }

    /**
     * What {@code e}, raised by this database's driver, means, when it is a failure Syncwright
     * explains to the user by its code (not by its words): a right lacking, a full disk, a session
     * the server ended.
     */
    default java.util.Optional<FailureKind> explain(java.sql.SQLException e) {
        return java.util.Optional.empty();
    }

    /** Shared minimum-version check with a uniform message. */
    static void requireVersion(DatabaseProduct product, String family, int major, int minor) {
        if (!product.atLeast(major, minor)) {
            throw new UnsupportedDatabaseException(family + " " + major + "." + minor + " or later is required, found "
                    + product + " (" + product.major() + "." + product.minor() + ")");
        }
    }
}
