package dev.syncwright.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.dialect.DatabaseProduct;
import dev.syncwright.dialect.UnsupportedDatabaseException;
import org.junit.jupiter.api.Test;

class ServerVersionTest {

    @Test
    void mariaDbBehindTheMySqlCompatibilityPrefix() {
        ServerVersion v = ServerVersion.parse("MySQL", "5.5.5-10.11.19-MariaDB-0+deb12u1");
        assertThat(v).isEqualTo(new ServerVersion(true, 10, 11, 19));
    }

    @Test
    void mariaDb11WithoutPrefix() {
        assertThat(ServerVersion.parse("MySQL", "11.4.2-MariaDB")).isEqualTo(new ServerVersion(true, 11, 4, 2));
        assertThat(ServerVersion.parse("MariaDB", "10.6.4")).isEqualTo(new ServerVersion(true, 10, 6, 4));
    }

    @Test
    void mySql() {
        assertThat(ServerVersion.parse("MySQL", "8.0.36")).isEqualTo(new ServerVersion(false, 8, 0, 36));
        assertThat(ServerVersion.parse("MySQL", "8.4.0-commercial")).isEqualTo(new ServerVersion(false, 8, 4, 0));
    }

    @Test
    void factoryRefusesOldServersWithAClearMessage() {
        MySqlDialectFactory f = new MySqlDialectFactory();
        assertThatThrownBy(() -> f.create(new DatabaseProduct("MySQL", "5.7.44", 5, 7), null))
                .isInstanceOf(UnsupportedDatabaseException.class).hasMessageContaining("MySQL 8.0 or later is required")
                .hasMessageContaining("5.7.44");
        assertThatThrownBy(() -> f.create(new DatabaseProduct("MySQL", "5.5.5-10.5.23-MariaDB", 5, 5), null))
                .isInstanceOf(UnsupportedDatabaseException.class).hasMessageContaining("MariaDB 10.6 or later is required");
    }

    @Test
    void factoryPicksTheVariant() {
        MySqlDialectFactory f = new MySqlDialectFactory();
        assertThat(f.create(new DatabaseProduct("MySQL", "5.5.5-10.11.19-MariaDB", 5, 5), null).id()).isEqualTo("mariadb");
        assertThat(f.create(new DatabaseProduct("MySQL", "8.0.36", 8, 0), null).id()).isEqualTo("mysql");
        assertThat(f.matches(new DatabaseProduct("PostgreSQL", "16.1", 16, 1))).isFalse();
    }
}
