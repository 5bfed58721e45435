package dev.syncwright.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.dialect.internal.Identifiers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void quotesByDoublingTheQuoteCharacter() {
        assertThat(Identifiers.quote("a \"b\" c", '"')).isEqualTo("\"a \"\"b\"\" c\"");
        assertThat(Identifiers.literal("it's")).isEqualTo("'it''s'");
    }

    @Test
    void fitsLongNamesInTheByteLimitWithAStableHash() {
        String base = "public." + "ü".repeat(40);
        String fitted = Identifiers.fit(base, "$ins", 63);
        assertThat(fitted.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
        assertThat(fitted).endsWith("$ins").startsWith("public.ü").isEqualTo(Identifiers.fit(base, "$ins", 63));
        assertThat(Identifiers.fit(base + "x", "$ins", 63)).isNotEqualTo(fitted);
        assertThat(Identifiers.fit("short", "$ins", 63)).isEqualTo("short$ins");
    }

    @Test
    void picksADollarTagThatTheBodyDoesNotContain() {
        assertThat(Identifiers.dollarTag("x")).isEqualTo("$sw$");
        assertThat(Identifiers.dollarTag("a \"$sw$\" b")).isEqualTo("$sw1$");
    }
}
