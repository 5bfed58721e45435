package dev.syncwright.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each database explains its own failure codes; the URL and driver classes say which database it was. */
class FailureKindTest {

    private static DialectFactory forUrl(String url) {
        return Dialects.forUrl(url).orElseThrow();
    }

    @Test
    void eachDatabaseExplainsItsOwnCodes() {
        DialectFactory pg = forUrl("jdbc:postgresql://h/db");
        DialectFactory my = forUrl("jdbc:mariadb://h/db");
        DialectFactory lite = forUrl("jdbc:sqlite:x.db");
        assertThat(pg.explain(new SQLException("x", "42501"))).contains(FailureKind.PERMISSION_DENIED);
        assertThat(pg.explain(new SQLException("x", "53100"))).contains(FailureKind.DISK_FULL);
        assertThat(pg.explain(new SQLException("x", "57P01"))).contains(FailureKind.CONNECTION_LOST);
        assertThat(my.explain(new SQLException("x", "42000", 1142))).contains(FailureKind.PERMISSION_DENIED);
        assertThat(my.explain(new SQLException("x", "HY000", 1114))).contains(FailureKind.DISK_FULL);
        assertThat(lite.explain(new SQLException("x", null, 8 | (5 << 8)))).contains(FailureKind.PERMISSION_DENIED);
        assertThat(lite.explain(new SQLException("x", null, 13))).contains(FailureKind.DISK_FULL);
        assertThat(lite.explain(new SQLException("x", null, 19))).isEqualTo(Optional.empty());
    }

    @Test
    void aFailureIsAskedOfTheDatabaseWhoseDriverRaisedIt() {
        SQLException fromSqlite = new SQLException("readonly", null, 8);
        fromSqlite.setStackTrace(new StackTraceElement[] {new StackTraceElement("org.sqlite.core.DB", "throwex", "DB.java", 1)});
        assertThat(Dialects.raisedBy(new RuntimeException(fromSqlite)).map(Object::getClass))
                .contains(forUrl("jdbc:sqlite:x").getClass());
        assertThat(Dialects.explain(new RuntimeException(fromSqlite))).contains(FailureKind.PERMISSION_DENIED);
        // the same code from no known driver means nothing
        assertThat(Dialects.explain(new SQLException("readonly", null, 8))).isEmpty();
    }
}
