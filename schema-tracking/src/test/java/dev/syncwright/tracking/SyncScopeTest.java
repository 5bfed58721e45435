package dev.syncwright.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.TableName;
import org.junit.jupiter.api.Test;

/** How a typed table name is read; resolving it is the dialect contract's (TrackingContractTest). */
class SyncScopeTest {
    @Test
    void aDotSeparatesTheSchema() {
        SyncScope s = SyncScope.named("s").tables("plain", "Other Schema.items").build();
        assertThat(s.tableNames()).containsExactly("plain", "Other Schema.items");
        assertThat(s.typedTables()).containsExactly(new SyncScope.Typed(null, "plain"), new SyncScope.Typed("Other Schema", "items"));
    }

    @Test
    void aNameWithMoreThanOneDotOrAnEmptyPartIsRefused() {
        for (String bad : new String[] {"a.b.c", ".items", "public."}) {
            assertThatThrownBy(() -> SyncScope.named("s").tables(bad)).isInstanceOf(SyncException.class).hasMessageContaining(bad);
        }
    }

    @Test
    void aTableWhoseNameHoldsADotIsGivenAsATableName() {
        SyncScope s = SyncScope.named("s").table(new TableName("public", "a.b.c")).build();
        assertThat(s.qualifiedTables()).containsExactly(new TableName("public", "a.b.c"));
    }
}
