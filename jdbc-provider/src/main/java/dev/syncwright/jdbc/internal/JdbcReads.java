package dev.syncwright.jdbc.internal;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.spi.ChangeBatcher;
import dev.syncwright.core.spi.FetchedItem;
import dev.syncwright.core.spi.ItemChange;
import dev.syncwright.dialect.SqlFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Short reads outside sessions: the replica's stated state, and one item's full current state. */
public final class JdbcReads {
    private JdbcReads() {
    }

    public record ScopeState(ReplicaId replicaId, Knowledge knowledge, Knowledge forgotten, long watermark) {}

    /**
     * The scope's state. {@code complete}: its knowledge must contain every change committed before
     * the call (the answer to "has this replica anything the asker lacks?", ADR 059), which may cost
     * a write (SQLite's watermark, ADR 011); otherwise a lower bound that reads only (ADR 061): enough
     * for every other use, which sends more or skips less when the knowledge is older, never loses.
     */
    public static ScopeState state(JdbcScope scope, boolean complete) {
        try (Connection c = scope.connect()) {
            if (complete) {
                scope.captureUpTo(c);
            }
            long w = complete ? scope.dialect.ticks().safeWatermark(c) : scope.dialect.ticks().statedWatermark(c);
            ScopeStore.State st = scope.store.read(c, false);
            return new ScopeState(st.replicaId(), st.knowledge(), st.forgotten(), w);
        } catch (SQLException e) {
            throw new SqlFailure("Reading the state of scope '" + scope.definition.name() + "' in", "database", e);
        }
    }

    public static Optional<FetchedItem> fetch(JdbcScope scope, ItemId id) {
        TableModel t = scope.table(id);
        try (Connection c = scope.connect(); PreparedStatement p = c.prepareStatement(t.selectTracking)) {
            Object[] key = t.keys.decode(id);
            for (int i = 0; i < key.length; i++) {
                scope.codec.bind(p, i + 1, key[i], t.key.get(i).type());
            }
            TrackedRow r;
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                r = TrackedRow.read(rs, t, scope.codec, false);
            }
            if (r.pending()) {
                return Optional.empty();
            }
            Object[] values = r.dv == null ? t.readValues(c, scope.codec, key) : new Object[t.units.length];
            if (values == null) {
                return Optional.empty();
            }
            ScopeStore.State st = scope.store.read(c, false);
            Knowledge none = Knowledge.empty(st.knowledge().keys());
            ItemChange change = ChangeBatcher.changeFor(r.metadata(), t.units.length, none, none, () -> values);
            return Optional.of(new FetchedItem(st.knowledge().keys(), change));
        } catch (SQLException e) {
            throw new SqlFailure("Reading a row of", t.name(), e);
        }
    }
}
