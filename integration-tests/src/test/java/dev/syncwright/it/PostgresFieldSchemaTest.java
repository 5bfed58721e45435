package dev.syncwright.it;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.util.Random;

/** The field schema on PostgreSQL: enum, domain, arrays, interval, citext, partitions, a touch trigger and a log trigger. */
class PostgresFieldSchemaTest extends FieldSchemaContract {
    @Override
    TestDatabase createServer(String hint) {
        return TestDatabases.postgres(hint);
    }

    @Override
    String schemaFile() {
        return "postgres.sql";
    }

    @Override
    String serverFilm(int id, String title, int category, Random r) {
        return "INSERT INTO film (id, title, rating, year, tags, length, language_id, category_id) VALUES (" + id + ", '" + title
                + "', 'PG-13', " + (1990 + r.nextInt(30)) + ", ARRAY['trailers', 'commentary " + r.nextInt(9) + "'], interval '"
                + (60 + r.nextInt(90)) + " minutes', 2, " + category + ")";
    }

    /** Straight into the partition, as maintenance jobs and bulk loads do. */
    @Override
    String serverRental(int id, int film, String region) {
        return "INSERT INTO rental_" + region + " (id, region, film_id) VALUES (" + id + ", '" + region + "', " + film + ")";
    }

    /** The array and the interval in spellings of the client's own: the server's canonical ones come back. */
    @Override
    String clientFilm(int id, String title, int category, Random r) {
        return "INSERT INTO film (id, title, rating, year, tags, length, category_id) VALUES (" + id + ", '" + title + "', 'R', "
                + (2000 + r.nextInt(20)) + ", '{ a , \"b c\" }', '" + (80 + r.nextInt(60)) + " minutes', " + category + ")";
    }

    @Override
    String clientRental(int id, int film, String region) {
        return "INSERT INTO rental (id, region, film_id) VALUES (" + id + ", '" + region + "', " + film + ")";
    }

    @Override
    String clientFilmDetail(int film, Random r) {
        return "UPDATE film SET tags = '{x" + r.nextInt(100) + ",y}', year = " + (1950 + r.nextInt(70)) + " WHERE id = " + film;
    }
}
