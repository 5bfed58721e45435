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
    void anEmptyPasswordLastInTheUrlIsMaskedOnce() {
        Secrets s = new Secrets();
        String url = "jdbc:mysql://127.0.0.1:3306/test?user=root&password=";
        s.addUrl(url);
        String once = s.mask("the connection to " + url + " was lost");
        assertThat(once).isEqualTo("the connection to jdbc:mysql://127.0.0.1:3306/test?user=root&password=*** was lost");
        assertThat(s.mask(once)).isEqualTo(once);
    }

    @Test
    void shortValuesAreNotMaskedAsLiterals() {
        Secrets s = new Secrets();
        s.add("a");
        assertThat(s.mask("a table")).isEqualTo("a table");
    }

    /** Issue 11: masking stopped at , ' " ) : and the user:password@ form was not known as a password at all. */
    @Test
    void hostilePasswordsAreMaskedWholeInEveryForm() {
        Secrets s = new Secrets();
        String pw = "a1,b2'c3\"d4)e5:f6@g7";
        String url = "jdbc:mysql://app:" + pw + "@h:3306/db?password=" + pw + "&ssl=true";
        JdbcUrl u = s.addUrl(url);
        assertThat(u.user()).isEqualTo("app");
        assertThat(u.password()).isEqualTo(pw);
        assertThat(u.driverUrl()).isEqualTo("jdbc:mysql://h:3306/db?password=" + pw + "&ssl=true");
        assertThat(s.mask("cannot connect to " + url + ": refused"))
                .isEqualTo("cannot connect to jdbc:mysql://app:***@h:3306/db?password=***&ssl=true: refused");
        assertThat(s.mask("the driver says " + pw + " and " + u.driverUrl())).doesNotContain("a1", "b2", "c3", "d4", "e5", "f6", "g7");
        JdbcUrl encoded = new Secrets().addUrl("jdbc:mysql://app:a1%2Cb2%40c3@h/db");
        assertThat(encoded.password()).as("percent-decoded, as Connector/J does").isEqualTo("a1,b2@c3");
    }

    @Test
    void aPasswordThatHoldsAnotherIsMaskedWhole() {
        Secrets s = new Secrets();
        s.add("Sup3r");
        s.add("Sup3rSecret2");
        assertThat(s.mask("Sup3rSecret2 and Sup3r")).isEqualTo("*** and ***");
    }
}
