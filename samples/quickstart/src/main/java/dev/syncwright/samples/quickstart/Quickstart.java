package dev.syncwright.samples.quickstart;

import com.zaxxer.hikari.HikariDataSource;
import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.jdbc.SqliteClients;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.SyncScope;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Syncwright in one program: a PostgreSQL server and a SQLite client file, edited on both sides
 * and synced both ways.
 *
 * <pre>
 * java Quickstart [postgres-jdbc-url] [sqlite-file]
 *   postgres-jdbc-url  default: $SYNCWRIGHT_PG_URL, else jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres
 *   sqlite-file        default: quickstart-client.db
 * </pre>
 *
 * Safe to run again: every step is idempotent or adds new rows.
 */
public final class Quickstart {
    static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    public static void main(String[] args) throws SQLException {
        String pgUrl = args.length > 0 ? args[0] : System.getenv().getOrDefault("SYNCWRIGHT_PG_URL", DEFAULT_PG_URL);
        String sqliteFile = args.length > 1 ? args[1] : "quickstart-client.db";

        // 1. The server: an ordinary PostgreSQL table ...
        PGSimpleDataSource server = new PGSimpleDataSource();
        server.setURL(pgUrl);
        sql(server, "CREATE TABLE IF NOT EXISTS notes (id bigint PRIMARY KEY, title text NOT NULL, body text)",
                "INSERT INTO notes VALUES (1, 'Welcome', 'Edit me on either side') ON CONFLICT (id) DO NOTHING");

        // ... gets change tracking (triggers and tracking tables; run once, or again after ALTER TABLE).
        Provisioner.of(server).provision(SyncScope.named("quickstart").tables("notes").build());

        // 2. The client: a SQLite file, opened as every Syncwright client is (a small pool, WAL journal,
        //    busy timeout, foreign keys: SqliteClients). openClient creates its tables from the server's
        //    scope on first use.
        try (HikariDataSource client = SqliteClients.file(Path.of(sqliteFile)).open()) {
            run(server, client, sqliteFile);
        }
    }

    private static void run(DataSource server, DataSource client, String sqliteFile) throws SQLException {
        JdbcSyncProvider serverReplica = JdbcSyncProvider.open(server, "quickstart");
        JdbcSyncProvider clientReplica = JdbcSyncProvider.openClient(client, serverReplica);

        // 3. First sync: the client downloads what the server has.
        report("first sync", sync(clientReplica, serverReplica));

        // 4. Offline edits on both sides: the same row, but different columns, plus a new row each.
        long id = System.currentTimeMillis();
        sql(client, "UPDATE notes SET body = 'edited on the client' WHERE id = 1",
                "INSERT INTO notes VALUES (" + id + ", 'Written on the client', 'offline')");
        sql(server, "UPDATE notes SET title = 'Welcome (edited on the server)' WHERE id = 1",
                "INSERT INTO notes VALUES (" + (id + 1) + ", 'Written on the server', NULL)");

        // 5. Second sync: changes travel both ways; the edits to row 1 are merged column by column.
        report("second sync", sync(clientReplica, serverReplica));

        // 6. Both sides now hold the same rows.
        List<String> onServer = rows(server);
        List<String> onClient = rows(client);
        System.out.println("server: " + onServer.size() + " notes, client: " + onClient.size() + " notes, equal: " + onServer.equals(onClient));
        System.out.println("note 1: " + onClient.get(0));
        System.out.println("inspect the client with: sqlite3 " + sqliteFile + " 'SELECT * FROM notes'");
    }

    /** Upload the client's changes, then download the server's; a column changed on both sides goes to the server. */
    static SyncResult sync(JdbcSyncProvider client, JdbcSyncProvider server) {
        return SyncOrchestrator.between(client, server)
                .direction(SyncDirection.UPLOAD_AND_DOWNLOAD)
                .conflicts(ConflictPolicy.merge(ConflictPolicy.SERVER_WINS))
                .run();
    }

    static void report(String what, SyncResult r) {
        System.out.printf("%s: uploaded %d, downloaded %d, conflicts %d, in %d ms%n", what,
                r.upload().applied(), r.download().applied(), r.totalConflicts(), r.duration().toMillis());
    }

    static void sql(DataSource ds, String... statements) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String q : statements) {
                s.execute(q);
            }
        }
    }

    /** All notes as "id | title | body", ordered by id. */
    static List<String> rows(DataSource ds) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, title, body FROM notes ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + " | " + rs.getString(2) + " | " + rs.getString(3));
            }
        }
        return rows;
    }

    private Quickstart() {}
}
