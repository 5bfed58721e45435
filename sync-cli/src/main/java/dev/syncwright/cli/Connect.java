package dev.syncwright.cli;

import dev.syncwright.jdbc.SqliteClients;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import picocli.CommandLine.Option;

/**
 * The database options shared by the commands, and the {@link DataSource} they describe.
 * Credentials come from {@code --user/--password}, else {@code SYNCWRIGHT_DB_USER} /
 * {@code SYNCWRIGHT_DB_PASSWORD}, else the URL itself.
 */
final class Connect {
    static final String ENV_USER = "SYNCWRIGHT_DB_USER";
    static final String ENV_PASSWORD = "SYNCWRIGHT_DB_PASSWORD";
    /** Seconds; without it a silent firewall would make the command hang. */
    private static final int LOGIN_TIMEOUT = 15;

    @Option(names = "--db", required = true, paramLabel = "JDBC_URL",
            description = "JDBC URL of the database, e.g. jdbc:postgresql://host/db, jdbc:mysql://host/db, jdbc:sqlite:app.db")
    String url;

    @Option(names = "--user", paramLabel = "USER", description = "Database user (default: $" + ENV_USER + ", else the URL).")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "Database password (default: $" + ENV_PASSWORD + ", else the URL). Prefer the variable: "
                    + "options are visible to other users of the machine.")
    String password;

    /**
     * Resolves the credentials and registers every secret with {@code secrets}. A SQLite database is a
     * pool the caller closes (it is {@link AutoCloseable}); a server is a connection per call.
     */
    DataSource dataSource(Map<String, String> env, Secrets secrets) {
        JdbcUrl parsed = secrets.addUrl(url);
        String u = user != null ? user : env.getOrDefault(ENV_USER, parsed.user());
        String p = password != null ? password : env.getOrDefault(ENV_PASSWORD, parsed.password());
        secrets.add(p);
        if (!url.startsWith("jdbc:")) {
            throw new CliFailure(ExitCodes.CONFIGURATION, "--db must be a JDBC URL starting with 'jdbc:', got '"
                    + secrets.mask(url) + "'");
        }
        requireSqliteFile(url);
        if (SqliteClients.isSqliteUrl(parsed.driverUrl())) {
            // a SQLite file is opened as every client is (busy timeout, foreign keys), keeping its journal mode
            try {
                return SqliteClients.url(parsed.driverUrl()).keepExistingJournalMode().poolName("syncwright")
                        .minimumIdle(0).open();
            } catch (RuntimeException e) {
                throw new CliFailure(ExitCodes.CONFIGURATION, "cannot connect to " + secrets.mask(url) + ": "
                        + DatabaseCommand.rootMessage(e), e);
            }
        }
        return new UrlDataSource(parsed.driverUrl(), credentials(u, p), secrets.mask(url));
    }

    /** The connection properties for a user and password, either of them null when not given. */
    static Properties credentials(String u, String p) {
        Properties props = new Properties();
        if (u != null) {
            props.setProperty("user", u);
        }
        if (p != null) {
            props.setProperty("password", p);
        }
        return props;
    }

    /** Where to connect, for messages. */
    String shown(Secrets secrets) {
        return secrets.mask(url);
    }

    /**
     * The SQLite driver creates a missing file; a typo in the path would then look like "unknown
     * table" or "scope not provisioned", so refuse it up front.
     */
    static void requireSqliteFile(String url) {
        String path = sqlitePath(url);
        if (path == null || path.isEmpty() || path.startsWith(":memory:") || path.startsWith(":resource:")) {
            return;
        }
        if (!Files.isRegularFile(Path.of(path))) {
            throw new CliFailure(ExitCodes.CONFIGURATION, "SQLite database file " + path + " does not exist");
        }
    }

    /** The file part of a SQLite JDBC URL ({@code ""}, {@code :memory:...} and {@code :resource:...} as given); null for other databases. */
    static String sqlitePath(String url) {
        if (url == null || !url.startsWith("jdbc:sqlite:")) {
            return null;
        }
        String path = url.substring("jdbc:sqlite:".length());
        int q = path.indexOf('?');
        path = q >= 0 ? path.substring(0, q) : path;
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        return path;
    }

    /** Opens a new connection per call; a one-shot command needs no pool. */
    private record UrlDataSource(String url, Properties props, String shown) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            DriverManager.setLoginTimeout(LOGIN_TIMEOUT);
            return DriverManager.getConnection(url, props);
        }

        @Override
        public Connection getConnection(String username, String pass) throws SQLException {
            Properties p = new Properties();
            p.putAll(props);
            p.setProperty("user", username);
            p.setProperty("password", pass);
            return DriverManager.getConnection(url, p);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return LOGIN_TIMEOUT;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }

        /** Never the record's default: the properties hold the password. */
        @Override
        public String toString() {
            return shown;
        }
    }
}
