package dev.syncwright.it;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.util.Random;

/** The field schema on MariaDB: ENUM, SET, YEAR, ON UPDATE CURRENT_TIMESTAMP, a trimming trigger and a log trigger. */
class MariaDbFieldSchemaTest extends FieldSchemaContract {
    @Override
    TestDatabase createServer(String hint) {
        return TestDatabases.mariadb(hint);
    }

    @Override
    String schemaFile() {
        return "mariadb.sql";
    }

    @Override
    String serverFilm(int id, String title, int category, Random r) {
        return "INSERT INTO film (id, title, rating, features, year, language_id, category_id) VALUES (" + id + ", '" + title
                + "', 'PG-13', 'Trailers,Commentaries', " + (1990 + r.nextInt(30)) + ", 2, " + category + ")";
    }

    @Override
    String serverRental(int id, int film, String region) {
        return "INSERT INTO rental (id, film_id, region) VALUES (" + id + ", " + film + ", '" + region + "')";
    }

    /** SET members out of the server's order: its own order comes back. */
    @Override
    String clientFilm(int id, String title, int category, Random r) {
        return "INSERT INTO film (id, title, rating, features, year, category_id) VALUES (" + id + ", '" + title + "', 'R', "
                + "'Behind the Scenes,Trailers', " + (2000 + r.nextInt(20)) + ", " + category + ")";
    }

    @Override
    String clientRental(int id, int film, String region) {
        return "INSERT INTO rental (id, film_id, region) VALUES (" + id + ", " + film + ", '" + region + "')";
    }

    @Override
    String clientFilmDetail(int film, Random r) {
        return "UPDATE film SET features = '" + (r.nextBoolean() ? "Commentaries" : "Deleted Scenes,Trailers") + "', year = "
                + (1950 + r.nextInt(70)) + " WHERE id = " + film;
    }
}
