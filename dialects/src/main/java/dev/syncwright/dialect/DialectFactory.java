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

    /** Shared minimum-version check with a uniform message. */
    static void requireVersion(DatabaseProduct product, String family, int major, int minor) {
        if (!product.atLeast(major, minor)) {
            throw new UnsupportedDatabaseException(family + " " + major + "." + minor + " or later is required, found "
                    + product + " (" + product.major() + "." + product.minor() + ")");
        }
    }
}
