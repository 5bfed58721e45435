package dev.syncwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {
    @Test
    void masksUrlParametersUserInfoAndKnownValues() {
        Secrets s = new Secrets();
        s.add("hunter22");
        assertThat(s.mask("jdbc:postgresql://h/db?user=a&password=p%40ss&ssl=true: refused"))
                .isEqualTo("jdbc:postgresql://h/db?user=a&password=***&ssl=true: refused");
        assertThat(s.mask("jdbc:mysql://root:pw@host/db")).isEqualTo("jdbc:mysql://root:***@host/db");
        assertThat(s.mask("login failed with hunter22")).isEqualTo("login failed with ***");
    }

    @Test
    void maskingTwiceChangesNothing() {
        Secrets s = new Secrets();
        String once = s.mask("cannot connect to jdbc:postgresql://h/x?password=abc: refused");
        assertThat(once).isEqualTo("cannot connect to jdbc:postgresql://h/x?password=***: refused");
        assertThat(s.mask(once)).isEqualTo(once);
    }

    @Test
    void shortValuesAreNotMaskedAsLiterals() {
        Secrets s = new Secrets();
        s.add("a");
        assertThat(s.mask("a table")).isEqualTo("a table");
    }
}
