package dev.syncwright.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

class QuickstartTest {

    @Test
    void runsTwiceAgainstARealServerAndLeavesBothSidesEqual(@TempDir Path dir) throws Exception {
        try (TestDatabase pg = TestDatabases.postgres("quickstart")) {
            String file = dir.resolve("client.db").toString();
            String first = run(pg.jdbcUrl(), file);
            assertThat(first).contains("first sync: uploaded 0, downloaded 1")
                    .contains("second sync: uploaded 2, downloaded 2")
                    .contains("server: 3 notes, client: 3 notes, equal: true")
                    .contains("note 1: 1 | Welcome (edited on the server) | edited on the client");

            Thread.sleep(5); // new ids for the rows the second run adds
            String second = run(pg.jdbcUrl(), file);
            assertThat(second).contains("server: 5 notes, client: 5 notes, equal: true");

            PGSimpleDataSource server = new PGSimpleDataSource();
            server.setURL(pg.jdbcUrl());
            SQLiteDataSource client = new SQLiteDataSource();
            client.setUrl("jdbc:sqlite:" + file);
            assertThat(Quickstart.rows(client)).isEqualTo(Quickstart.rows(server)).hasSize(5);
        }
    }

    private static String run(String url, String file) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            Quickstart.main(new String[] {url, file});
        } finally {
            System.setOut(out);
        }
        String printed = buf.toString(StandardCharsets.UTF_8);
        out.print(printed);
        return printed;
    }
}
