package dev.syncwright.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.SyncScope;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The field schema of issue 10 (a rental shop with enum, domain, arrays, partitions, its own BEFORE
 * and AFTER triggers, ON UPDATE CURRENT_TIMESTAMP, a foreign-key cycle, a key out of the scope,
 * generated columns, defaults, and a column added half-way) on a server, synced with two SQLite
 * clients; every round the server and both clients edit, all three sync, and the replicas are
 * compared row by row, value by value. Seeded: {@code -Dsyncwright.field.seed=N},
 * {@code -Dsyncwright.field.rounds=N} (default 6).
 */
abstract class FieldSchemaContract {
    static final String SCOPE = "shop";
    static final List<String> TABLES = List.of("category", "film", "actor", "rental", "film_log");

    TestDatabase server;
    JdbcSyncProvider serverProvider;
    final List<TestDatabase> clientDbs = new ArrayList<>();

    abstract TestDatabase createServer(String hint);

    /** The schema file under field-schema/. */
    abstract String schemaFile();

    /** A server-side insert of a film (the server's own application). */
    abstract String serverFilm(int id, String title, int category, Random random);

    /** A server-side rental (on PostgreSQL, straight into a partition). */
    abstract String serverRental(int id, int film, String region);

    /** A client-side insert of a film, in the client's SQLite dialect; only the columns the application knows. */
    abstract String clientFilm(int id, String title, int category, Random random);

    /** A client-side rental. */
    abstract String clientRental(int id, int film, String region);

    /** A client-side change of the film's dialect-specific column (tags, features...). */
    abstract String clientFilmDetail(int film, Random random);

    @AfterEach
    void tearDown() {
        clientDbs.forEach(TestDatabase::close);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twoClientsAndTheServerEditEveryRoundAndStayEqualRowByRow() throws Exception {
        long seed = Long.getLong("syncwright.field.seed", System.nanoTime());
        int rounds = Integer.getInteger("syncwright.field.rounds", 6);
        Random random = new Random(seed);
        server = createServer(getClass().getSimpleName());
        for (String sql : schema()) {
            exec(server.dataSource(), sql);
        }
        Provisioner.of(server.dataSource()).provision(SyncScope.named(SCOPE).tables(TABLES).build());
        serverProvider = JdbcSyncProvider.open(server.dataSource(), SCOPE);
        Side srv = new Side("server", server.dataSource(), null, 10_000);
        Side a = client("a", 20_000);
        Side b = client("b", 30_000);
        syncAll(a, b);
        assertEqual("after the first download (seed " + seed + ")", a, b);
        for (int round = 1; round <= rounds; round++) {
            String where = "round " + round + " (seed " + seed + ")";
            if (round == rounds / 2) {
                // a column added half-way, with a default and values set later, then the scope provisioned again
                exec(server.dataSource(), "ALTER TABLE film ADD COLUMN rental_rate NUMERIC(4,2) NOT NULL DEFAULT 4.99");
                exec(server.dataSource(), "ALTER TABLE category ADD COLUMN note VARCHAR(40)");
                exec(server.dataSource(), "UPDATE category SET note = 'set before re-provisioning' WHERE id = 2");
                Provisioner.of(server.dataSource()).provision(SyncScope.named(SCOPE).tables(TABLES).build());
                serverProvider = JdbcSyncProvider.open(server.dataSource(), SCOPE);
                a = a.reopen(serverProvider);
                b = b.reopen(serverProvider);
            }
            serverEdits(srv, random);
            clientEdits(a, random);
            clientEdits(b, random);
            syncAll(a, b);
            assertEqual(where, a, b);
        }
        // and then nothing more travels
        for (Side c : List.of(a, b)) {
            SyncResult idle = sync(c);
            assertThat(idle.upload().sent() + idle.download().sent()).as("idle sync of " + c.name + " (seed " + seed + "): upload "
                    + idle.upload().sent() + " sent, " + idle.upload().conflicts() + "; download " + idle.download().sent() + " sent, "
                    + idle.download().conflicts()).isZero();
        }
        assertThat(rows(a.ds, "SELECT count(*) FROM film WHERE title_upper IS NULL")).as("generated values reached the client")
                .containsExactly("0");
    }

    // ------------------------------------------------------------------ edits

    /** Ids each side creates, so that it edits and deletes only its own rows and the shared seed rows. */
    static final class Side {
        final String name;
        final DataSource ds;
        final JdbcSyncProvider provider;
        final int base;
        final List<Integer> films = new ArrayList<>();
        final List<Integer> categories = new ArrayList<>();
        final List<Integer> actors = new ArrayList<>();
        final List<Integer> rentals = new ArrayList<>();
        int next;

        Side(String name, DataSource ds, JdbcSyncProvider provider, int base) {
            this.name = name;
            this.ds = ds;
            this.provider = provider;
            this.base = base;
            this.next = base;
        }

        Side reopen(JdbcSyncProvider server) {
            Side s = new Side(name, ds, JdbcSyncProvider.openClient(ds, server), base);
            s.films.addAll(films);
            s.categories.addAll(categories);
            s.actors.addAll(actors);
            s.rentals.addAll(rentals);
            s.next = next;
            return s;
        }

        int id() {
            return ++next;
        }
    }

    private void serverEdits(Side s, Random r) throws SQLException {
        int category = s.id();
        exec(s.ds, "INSERT INTO category (id, name, parent_id) VALUES (" + category + ", 'server " + category + "', 2)");
        s.categories.add(category);
        int film = s.id();
        exec(s.ds, serverFilm(film, "Server Film " + film, category, r));
        s.films.add(film);
        exec(s.ds, "UPDATE film SET rating = '" + pick(r, "G", "PG", "R") + "' WHERE id = " + pick(r, 1, 2, film));
        int rental = s.id();
        exec(s.ds, serverRental(rental, pick(r, 1, film), pick(r, "eu", "us")));
        s.rentals.add(rental);
        if (s.rentals.size() > 2 && r.nextBoolean()) {
            int gone = s.rentals.remove(0);
            exec(s.ds, "DELETE FROM rental WHERE id = " + gone);
        }
        exec(s.ds, "UPDATE actor SET favourite_film_id = " + film + " WHERE id = 1");
    }

    private void clientEdits(Side s, Random r) throws SQLException {
        int category = s.id();
        exec(s.ds, "INSERT INTO category (id, name, parent_id) VALUES (" + category + ", '" + s.name + " " + category + "', 1)");
        s.categories.add(category);
        int film = s.id();
        exec(s.ds, clientFilm(film, s.name + " film " + film, category, r));
        s.films.add(film);
        int actor = s.id();
        // the cycle: the actor names the film, the film names the actor
        exec(s.ds, "INSERT INTO actor (id, name, favourite_film_id) VALUES (" + actor + ", '" + s.name + " actor', " + film + ")");
        exec(s.ds, "UPDATE film SET featured_actor_id = " + actor + " WHERE id = " + film);
        s.actors.add(actor);
        exec(s.ds, clientRental(s.id(), film, pick(r, "eu", "us")));
        exec(s.ds, "UPDATE film SET title = '" + s.name + " retitled " + r.nextInt(1000) + "' WHERE id = " + pick(r, 1, 2, film));
        exec(s.ds, clientFilmDetail(pick(r, 1, 2, film), r));
        if (s.films.size() > 2 && r.nextBoolean()) {
            // its own oldest film: the rentals cascade, actors' favourites are cleared
            int gone = s.films.remove(0);
            exec(s.ds, "DELETE FROM film WHERE id = " + gone);
        }
        if (s.categories.size() > 2 && r.nextBoolean()) {
            int gone = s.categories.remove(0);
            exec(s.ds, "DELETE FROM category WHERE id = " + gone);
        }
    }

    @SafeVarargs
    static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }

    // ------------------------------------------------------------------ sync and compare

    private void syncAll(Side a, Side b) {
        for (Side c : List.of(a, b, a)) {
            SyncResult res = sync(c);
            assertThat(res.upload().deferred() + res.download().deferred()).as("rows refused syncing " + c.name + ": "
                    + serverProvider.conflicts(true)).isZero();
        }
    }

    private SyncResult sync(Side c) {
        return SyncOrchestrator.between(c.provider, serverProvider).conflicts(ConflictPolicy.SERVER_WINS).run();
    }

    private void assertEqual(String where, Side a, Side b) {
        var expected = serverProvider.snapshot();
        assertThat(a.provider.snapshot()).as("client a, " + where).isEqualTo(expected);
        assertThat(b.provider.snapshot()).as("client b, " + where).isEqualTo(expected);
    }

    private Side client(String name, int base) {
        TestDatabase db = TestDatabases.sqlite(getClass().getSimpleName() + "_" + name);
        clientDbs.add(db);
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.enforceForeignKeys(true);
        cfg.setBusyTimeout(10_000);
        SQLiteDataSource ds = new SQLiteDataSource(cfg);
        ds.setUrl(db.jdbcUrl());
        return new Side(name, ds, JdbcSyncProvider.openClient(ds, serverProvider), base);
    }

    private List<String> schema() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/field-schema/" + schemaFile())) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>();
            for (String part : text.split("\n;;\n")) {
                String sql = part.lines().filter(l -> !l.startsWith("--")).reduce("", (x, y) -> x + y + "\n").strip();
                if (!sql.isEmpty()) {
                    out.add(sql);
                }
            }
            return out;
        }
    }

    static void exec(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static List<String> rows(DataSource ds, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
