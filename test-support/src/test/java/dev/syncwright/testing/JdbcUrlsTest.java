package dev.syncwright.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void replacesTheDatabase() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://127.0.0.1:5432/test?user=postgres", "sw_a"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/sw_a?user=postgres");
        assertThat(JdbcUrls.withDatabase("jdbc:mysql://127.0.0.1:3306/test?user=root&password=", "sw_a"))
                .isEqualTo("jdbc:mysql://127.0.0.1:3306/sw_a?user=root&password=");
        assertThat(JdbcUrls.withDatabase("jdbc:mysql://localhost:3306/?user=root", "sw_a"))
                .isEqualTo("jdbc:mysql://localhost:3306/sw_a?user=root");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://host?user=u", "sw_a"))
                .isEqualTo("jdbc:postgresql://host/sw_a?user=u");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://[::1]:5432/db", "sw_a"))
                .isEqualTo("jdbc:postgresql://[::1]:5432/sw_a");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql:test", "sw_a")).isEqualTo("jdbc:postgresql:sw_a");
    }

    @Test
    void readsDecodedParameters() {
        String url = "jdbc:mysql://h/db?user=root&password=p%40ss&x";
        assertThat(JdbcUrls.parameter(url, "user")).isEqualTo("root");
        assertThat(JdbcUrls.parameter(url, "password")).isEqualTo("p@ss");
        assertThat(JdbcUrls.parameter(url, "x")).isEmpty();
        assertThat(JdbcUrls.parameter(url, "missing")).isNull();
        assertThat(JdbcUrls.parameter("jdbc:postgresql://h/db", "user")).isNull();
    }

    @Test
    void addsParametersOnce() {
        assertThat(JdbcUrls.withParameter("jdbc:postgresql://h/db", "user", "a b"))
                .isEqualTo("jdbc:postgresql://h/db?user=a+b");
        assertThat(JdbcUrls.withParameter("jdbc:postgresql://h/db?user=x", "user", "y"))
                .isEqualTo("jdbc:postgresql://h/db?user=x");
        assertThat(JdbcUrls.withParameter("jdbc:postgresql://h/db?user=x", "password", "s"))
                .isEqualTo("jdbc:postgresql://h/db?user=x&password=s");
    }

    @Test
    void masksPasswords() {
        assertThat(JdbcUrls.mask("jdbc:mysql://h/db?user=root&password=secret&ssl=false"))
                .isEqualTo("jdbc:mysql://h/db?user=root&password=***&ssl=false");
        assertThat(JdbcUrls.mask("jdbc:postgresql://h/db?password=secret"))
                .isEqualTo("jdbc:postgresql://h/db?password=***");
    }
}
