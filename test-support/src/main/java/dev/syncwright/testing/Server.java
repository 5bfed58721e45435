package dev.syncwright.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A running server that test databases can be created in.
 *
 * @param engine   the family
 * @param kind     what {@link TestDatabase#kind()} reports ("postgresql", "mariadb" or "mysql")
 * @param adminUrl URL, credentials included, of a database that exists on that server and that is
 *                 never dropped; new databases are created and dropped through it
 * @param source   for logs, e.g. "SYNCWRIGHT_TEST_PG_URL=jdbc:postgresql://...(password masked)"
 */
record Server(Engine engine, String kind, String adminUrl, String source) {

    Connection connectAdmin() throws SQLException {
        return connect(adminUrl);
    }

    /** Opens a connection with connect and login timeouts, so that a dead server fails fast. */
    static Connection connect(String url) throws SQLException {
        Properties props = new Properties();
        if (url.startsWith("jdbc:postgresql:")) {
            props.setProperty("connectTimeout", "10");
            props.setProperty("loginTimeout", "20");
        } else {
            props.setProperty("connectTimeout", "10000");
        }
        return DriverManager.getConnection(url, props);
    }

    @Override
    public String toString() {
        return source;
    }
}
