package dev.syncwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.SyncResult;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class MariaDbFidelityTest extends FidelityContract {
    @Override
    TestDatabase createServer(String hint) {
        return TestDatabases.mariadb(hint);
    }

    @Override
    String[] triggerThatRewritesARow() {
        return new String[] {"CREATE TABLE items (id bigint PRIMARY KEY, name varchar(100) NOT NULL, note varchar(200))",
            "CREATE TRIGGER items_seen_i BEFORE INSERT ON items FOR EACH ROW SET NEW.note = CONCAT('seen:', NEW.name)",
            "CREATE TRIGGER items_seen_u BEFORE UPDATE ON items FOR EACH ROW SET NEW.note = CONCAT('seen:', NEW.name)"};
    }

    @Override
    String[] onUpdateColumn() {
        return new String[] {"CREATE TABLE stamped (id bigint PRIMARY KEY, name varchar(100), "
                + "changed TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6))"};
    }

    @Override
    String[] serverOnlyDefault() {
        return new String[] {"CREATE TABLE filled (id bigint PRIMARY KEY, name varchar(100), code varchar(64) NOT NULL DEFAULT (UUID()))"};
    }

    @Override
    String[] generatedColumn() {
        return new String[] {"CREATE TABLE priced (id bigint PRIMARY KEY, qty int NOT NULL, price int NOT NULL, "
                + "total int AS (qty * price) PERSISTENT)"};
    }

    @Override
    String[] triggerThatWritesAnotherTable() {
        return new String[] {"CREATE TABLE orders (id bigint PRIMARY KEY, item varchar(100))",
            "CREATE TABLE audit (id bigint AUTO_INCREMENT PRIMARY KEY, what varchar(100))",
            "CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW INSERT INTO audit (what) VALUES (CONCAT('order ', NEW.id))"};
    }

    @Override
    String[] cascades() {
        return new String[] {"CREATE TABLE parent (id bigint PRIMARY KEY)",
            "CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint, FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE)",
            "CREATE TABLE kid (id bigint PRIMARY KEY, parent_id bigint, FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE SET NULL)"};
    }

    @Override
    String alterColumnType(String table, String column, String type) {
        return "ALTER TABLE " + table + " MODIFY " + column + " " + type;
    }

    @Override
    String[] serverCheck() {
        return new String[] {"CREATE TABLE checked (id bigint PRIMARY KEY, qty int, CONSTRAINT qty_not_negative CHECK (qty >= 0))"};
    }

    @Test
    void enumSetYearAndBitRoundTripAndTheClientRefusesWhatTheServerWould() throws SQLException {
        exec(sds, "CREATE TABLE typed (id bigint PRIMARY KEY, size ENUM('S', 'M', 'it''s L'), perms SET('r', 'w', 'x'), "
                        + "y YEAR, flags BIT(10), big BIT(64), on_off BIT(1))",
                "INSERT INTO typed VALUES (1, 'it''s L', 'r,x', 1999, b'1000000001', b'1111111111111111111111111111111111111111111111111111111111111111', 1)");
        provision("typed");
        Client a = client();
        sync(a);
        assertThat(rows(a.ds(), "SELECT size, perms, y, flags, big, on_off FROM typed"))
                .containsExactly("it's L|r,x|1999|513|18446744073709551615|1");
        for (String bad : new String[] {"UPDATE typed SET size = 'XL'", "UPDATE typed SET perms = 'r,z'", "UPDATE typed SET y = 1800",
            "UPDATE typed SET flags = 1024"}) {
            assertThatThrownBy(() -> exec(a.ds(), bad)).as(bad).isInstanceOf(SQLException.class).hasMessageContaining("CHECK");
        }
        exec(a.ds(), "INSERT INTO typed (id, size, perms, y, flags, big, on_off) VALUES (2, 'S', 'x,r', 2155, 1023, '0', 0)");
        sync(a);
        // MySQL keeps a SET's members in declaration order: that spelling comes back to the client
        assertThat(rows(sds, "SELECT size, perms, y + 0, flags + 0 FROM typed WHERE id = 2")).containsExactly("S|r,x|2155|1023");
        assertThat(rows(a.ds(), "SELECT perms FROM typed WHERE id = 2")).containsExactly("r,x");
        assertConverged(a);
    }

    @Test
    void truncateAndDropOfATrackedTableAreRefusedNamingSyncwright() throws SQLException {
        exec(sds, "CREATE TABLE kept (id bigint PRIMARY KEY, v varchar(10))", "INSERT INTO kept VALUES (1, 'one')");
        provision("kept");
        assertThatThrownBy(() -> exec(sds, "TRUNCATE TABLE kept")).isInstanceOf(SQLException.class)
                .hasMessageContaining("syncwright_notruncate_kept");
        assertThatThrownBy(() -> exec(sds, "DROP TABLE kept")).isInstanceOf(SQLException.class);
        exec(sds, "DELETE FROM kept");
        Client a = client();
        sync(a);
        assertConverged(a);
    }

    @Test
    void narrowCharacterSetsAreHeldAndTheClientRefusesWhatTheyCannotStore() throws SQLException {
        exec(sds, "CREATE TABLE words (id bigint PRIMARY KEY, l1 varchar(20) CHARACTER SET latin1, m3 varchar(20) CHARACTER SET utf8mb3)",
                "INSERT INTO words VALUES (1, 'déjà vu €', 'ünïcödé')");
        provision("words");
        Client a = client();
        sync(a);
        assertThat(rows(a.ds(), "SELECT l1, m3 FROM words")).containsExactly("déjà vu €|ünïcödé");
        assertThatThrownBy(() -> exec(a.ds(), "UPDATE words SET l1 = 'łódź'")).hasMessageContaining("CHECK");
        assertThatThrownBy(() -> exec(a.ds(), "UPDATE words SET m3 = '\uD83D\uDE00'")).hasMessageContaining("CHECK");
        exec(a.ds(), "UPDATE words SET l1 = 'naïve', m3 = 'ok' WHERE id = 1");
        assertConverged(a);
    }

    @Test
    void aCharacterTheServersCharsetLacksIsDeferredWhenTheClientTableHasNoCheck() throws SQLException {
        exec(sds, "CREATE TABLE words (id bigint PRIMARY KEY, m3 varchar(20) CHARACTER SET utf8mb3)", "INSERT INTO words VALUES (1, 'a')");
        provision("words");
        Client a = existingClient("CREATE TABLE words (id BIGINT NOT NULL PRIMARY KEY, m3 VARCHAR(20))");
        sync(a);
        exec(a.ds(), "UPDATE words SET m3 = 'smile \uD83D\uDE00' WHERE id = 1", "INSERT INTO words (id, m3) VALUES (2, 'plain')");
        SyncResult r = sync(a);
        assertThat(r.upload().deferred()).isEqualTo(1);
        assertThat(rows(sds, "SELECT id, m3 FROM words ORDER BY id")).containsExactly("1|a", "2|plain");
        assertThat(serverProvider.conflicts(true)).singleElement().satisfies(c -> assertThat(c.message()).contains("m3"));
    }

    @Test
    void autoIncrementKeysFollowKeysInsertedOnClients() throws SQLException {
        exec(sds, "CREATE TABLE numbered (id bigint AUTO_INCREMENT PRIMARY KEY, v varchar(10))", "INSERT INTO numbered (v) VALUES ('s1')");
        provision("numbered");
        Client a = client();
        sync(a);
        exec(a.ds(), "INSERT INTO numbered (id, v) VALUES (40, 'client')");
        sync(a);
        exec(sds, "INSERT INTO numbered (v) VALUES ('s2')");
        assertThat(rows(sds, "SELECT id FROM numbered WHERE v = 's2'")).containsExactly("41");
        assertConverged(a);
    }

    @Test
    void aPartitionedTableIsRefusedSayingWhy() throws SQLException {
        exec(sds, "CREATE TABLE parted (id bigint, region varchar(8), PRIMARY KEY (id, region)) "
                + "PARTITION BY LIST COLUMNS (region) (PARTITION p_eu VALUES IN ('eu'), PARTITION p_us VALUES IN ('us'))");
        assertThatThrownBy(() -> provision("parted")).hasMessageContaining("parted is partitioned")
                .hasMessageContaining("TRUNCATE PARTITION");
    }

    @Test
    void valuesTheServerRefusesFromAClientTableWithoutChecksAreDeferredWithTheServersMessage() throws SQLException {
        exec(sds, "CREATE TABLE picky (id bigint PRIMARY KEY, size ENUM('S', 'M', 'L'), code varchar(5))",
                "INSERT INTO picky VALUES (1, 'S', 'a')");
        provision("picky");
        Client a = existingClient("CREATE TABLE picky (id BIGINT NOT NULL PRIMARY KEY, size TEXT, code TEXT)");
        sync(a);
        exec(a.ds(), "INSERT INTO picky (id, size, code) VALUES (2, 'XXL', 'b')", "INSERT INTO picky (id, size, code) VALUES (3, 'M', 'too long')",
                "INSERT INTO picky (id, size, code) VALUES (4, 'L', 'ok')");
        SyncResult r = sync(a);
        assertThat(r.upload().deferred()).isEqualTo(2);
        assertThat(rows(sds, "SELECT id FROM picky ORDER BY id")).containsExactly("1", "4");
        assertThat(serverProvider.conflicts(true)).extracting(ConflictRecord::keyJson).containsExactlyInAnyOrder("[2]", "[3]");
        assertThat(serverProvider.conflicts(true)).allSatisfy(c -> assertThat(c.message()).containsAnyOf("size", "code"));
    }

    @Test
    void everyColumnThatCannotBeSynchronizedIsNamedAtOnce() throws SQLException {
        exec(sds, "CREATE TABLE shapes (id bigint PRIMARY KEY, p POINT, g GEOMETRY)", "CREATE TABLE keyless (v int)");
        assertThatThrownBy(() -> provision("shapes", "keyless")).hasMessageContaining("shapes.p (point)")
                .hasMessageContaining("shapes.g (geometry)").hasMessageContaining("keyless has no primary key");
    }
}
