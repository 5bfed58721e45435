package dev.syncwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseCommandTest {
    @Test
    void oneLineJoinsDatabaseMessageLines() {
        assertThat(DatabaseCommand.oneLine("ERROR: boom\n  Where: PL/pgSQL function f()\n  Position: 3\n"))
                .isEqualTo("ERROR: boom Where: PL/pgSQL function f() Position: 3");
    }

    @Test
    void rootMessageNamesTheInnermostCause() {
        SQLException e = new SQLException("Connection attempt failed.", new RuntimeException("x", new ConnectException("Connection refused")));
        assertThat(DatabaseCommand.rootMessage(e)).isEqualTo("Connection attempt failed. (ConnectException: Connection refused)");
        assertThat(DatabaseCommand.rootMessage(new SQLException("Access denied"))).isEqualTo("Access denied");
    }
}
