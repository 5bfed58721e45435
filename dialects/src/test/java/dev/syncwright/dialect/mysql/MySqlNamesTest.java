package dev.syncwright.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.dialect.TableName;
import org.junit.jupiter.api.Test;

class MySqlNamesTest {
    private final MySqlNames names = new MySqlNames();

    @Test
    void quotesByDoublingBackticks() {
        assertThat(names.quote("a`b")).isEqualTo("`a``b`");
        assertThat(names.quote("select")).isEqualTo("`select`");
        assertThat(names.table(TableName.of("db", "t.x"))).isEqualTo("`db`.`t.x`");
        assertThat(names.literal("it's a \\ path")).isEqualTo("'it''s a \\\\ path'");
    }

    @Test
    void plainLowerCaseNamesStayReadable() {
        assertThat(names.trackingTableName(TableName.of("db", "orders"))).isEqualTo(TableName.of("db", "syncwright_trk_orders"));
    }

    @Test
    void caseVariantsNeverShareObjects() {
        String upper = names.trackingTableName(TableName.of(null, "Orders")).name();
        String lower = names.trackingTableName(TableName.of(null, "orders")).name();
        assertThat(upper).startsWith("syncwright_trk_Orders_").isNotEqualToIgnoringCase(lower);
    }

    @Test
    void longNamesFitIn64CharactersAndStayDistinct() {
        String a = "x".repeat(64);
        String b = "x".repeat(63) + "y";
        String ta = MySqlNames.derived("trk_", a);
        String tb = MySqlNames.derived("trk_", b);
        assertThat(ta).hasSize(64).isNotEqualTo(tb);
        assertThat(MySqlNames.derived("ai_", "é".repeat(64))).hasSizeLessThanOrEqualTo(64);
    }
}
