package dev.syncwright.jdbc.metadata;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresMetadataStoreTest extends MetadataStoreContract {
    static TestDatabase db;

    @BeforeAll
    static void create() {
        db = TestDatabases.postgres(PostgresMetadataStoreTest.class.getSimpleName());
    }

    @AfterAll
    static void drop() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    DataSource dataSource() {
        return db.dataSource();
    }
}
