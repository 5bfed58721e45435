package dev.syncwright.dialect.mysql;

import dev.syncwright.dialect.DatabaseProduct;

/**
 * MariaDB 10.6+: same SQL as MySQL except that JSON is LONGTEXT with a json_valid() check (compared
 * byte-wise, read from CHECK_CONSTRAINTS), triggers are replaced with CREATE OR REPLACE TRIGGER, and
 * the version hides behind a {@code 5.5.5-} prefix. Those differences are switched on by
 * {@link ServerVersion#mariaDb()} in the shared classes; this class gives it its own id.
 */
final class MariaDbDialect extends MySqlDialect {
    MariaDbDialect(DatabaseProduct product, ServerVersion version) {
        super("mariadb", product, version);
    }
}
