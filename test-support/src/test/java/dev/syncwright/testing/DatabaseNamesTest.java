package dev.syncwright.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseNamesTest {

    @Test
    void namesArePrefixedSanitizedAndRandomized() {
        String name = DatabaseNames.newName("PostgresDialectTest");
        assertThat(name).matches("sw_postgres_dialect_test_[0-9a-f]{8}");
        assertThat(DatabaseNames.newName("PostgresDialectTest")).isNotEqualTo(name);
    }

    @Test
    void sanitizesAnything() {
        assertThat(DatabaseNames.sanitize("JDBCProvider IT-1 ünïcode")).isEqualTo("jdbc_provider_it_1_n_code");
        assertThat(DatabaseNames.sanitize("__a..b__")).isEqualTo("a_b");
        assertThat(DatabaseNames.sanitize(null)).isEqualTo("db");
        assertThat(DatabaseNames.sanitize("  ")).isEqualTo("db");
        assertThat(DatabaseNames.sanitize("!!!")).isEqualTo("db");
        assertThat(DatabaseNames.newName("$")).matches("sw_db_[0-9a-f]{8}");
    }

    @Test
    void namesFitInSixtyThreeCharacters() {
        String name = DatabaseNames.newName("x".repeat(200) + "Tail");
        assertThat(name).hasSizeLessThanOrEqualTo(63).matches("sw_x+_[0-9a-f]{8}");
        String underscoreAtCut = DatabaseNames.newName("a".repeat(50) + "_bbbbbbb");
        assertThat(underscoreAtCut).hasSizeLessThanOrEqualTo(63).doesNotContain("__").matches("[a-z0-9_]+");
    }
}
