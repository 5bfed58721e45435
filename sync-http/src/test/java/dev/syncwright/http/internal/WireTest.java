package dev.syncwright.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.Conflict;
import dev.syncwright.core.ConflictKind;
import dev.syncwright.core.ConflictResolution;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.ReplicaKeyMap;
import dev.syncwright.core.Version;
import dev.syncwright.core.spi.ChangeBatch;
import dev.syncwright.core.spi.ItemChange;
import dev.syncwright.http.WireFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The wire format: every canonical value and a batch round-trip exactly; hostile bodies fail as {@link WireFormatException} only. */
class WireTest {
    private static final Object[] VALUES = {null, 42L, Long.MIN_VALUE, "", "text with ünïcødé and \u0000 NUL", new BigDecimal("-12345.6789"),
        new BigDecimal("1E+20"), 1.5d, Double.NaN, -0.0d, 3.25f, true, false, new byte[] {0, -1, 7}, UUID.randomUUID(),
        LocalDate.of(1, 1, 1), LocalTime.of(23, 59, 59, 999_999_000), LocalDateTime.of(2026, 12, 5, 13, 0, 0, 123_456_000),
        OffsetDateTime.of(2026, 12, 5, 13, 0, 0, 1000, ZoneOffset.ofHours(-5))};

    @Test
    void everyCanonicalValueRoundTrips() {
        for (Object v : VALUES) {
            Object back = read(write(w -> w.value(v))).value();
            if (v instanceof byte[] b) {
                assertThat((byte[]) back).isEqualTo(b);
            } else if (v instanceof Double d && d.isNaN()) {
                assertThat((Double) back).isNaN();
            } else {
                assertThat(back).as(String.valueOf(v)).isEqualTo(v);
            }
        }
        assertThat(read(write(w -> w.value(-0.0d))).value()).isEqualTo(-0.0d); // the sign of zero is kept
        assertThatThrownBy(() -> write(w -> w.value(new Object()))).isInstanceOf(WireFormatException.class).hasMessageContaining("cannot travel");
    }

    @Test
    void aBatchRoundTrips() {
        ChangeBatch b = batch(new Random(7));
        ChangeBatch back = read(write(w -> w.batch(b))).batch();
        assertThat(back.madeWith()).isEqualTo(b.madeWith());
        assertThat(back.rangeStart()).isEqualTo(b.rangeStart());
        assertThat(back.rangeEnd()).isEqualTo(b.rangeEnd());
        assertThat(back.withheld()).isEqualTo(b.withheld());
        assertThat(back.changes()).hasSameSizeAs(b.changes());
        for (int i = 0; i < b.changes().size(); i++) {
            assertThat(back.changes().get(i).toString()).isEqualTo(b.changes().get(i).toString());
            for (int u = 0; u < b.changes().get(i).unitCount(); u++) {
                Object x = b.changes().get(i).value(u);
                Object y = back.changes().get(i).value(u);
                assertThat(x instanceof byte[] xb ? Arrays.equals(xb, (byte[]) y) : java.util.Objects.equals(x, y) || (x instanceof Double d
                        && d.isNaN())).isTrue();
            }
        }
        Conflict c = new Conflict(ConflictKind.UPDATE_UPDATE, ItemId.ofLong(3), new int[] {0, 2}, ReplicaId.random(), ReplicaId.random(),
                true, new Object[] {"a", null}, new Object[] {1L, 2L}, ConflictResolution.SOURCE_WINS, "why");
        Conflict cb = read(write(w -> w.conflict(c))).conflict();
        assertThat(cb.kind()).isEqualTo(c.kind());
        assertThat(cb.changeUnits()).isEqualTo(c.changeUnits());
        assertThat(cb.sourceValues()).isEqualTo(c.sourceValues());
        assertThat(cb.resolution()).isEqualTo(c.resolution());
        assertThat(cb.detail()).isEqualTo("why");
    }

    /** Thousands of truncated and mutated bodies: each reads as a batch or fails as a WireFormatException, nothing else. */
    @Test
    void hostileBodiesFailAsWireFormatErrorsOnly() {
        long seed = Long.getLong("syncwright.wire.seed", System.nanoTime());
        Random rnd = new Random(seed);
        int refused = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] body = write(w -> w.batch(batch(rnd)));
            byte[] bad = rnd.nextBoolean() ? Arrays.copyOf(body, rnd.nextInt(body.length)) : body.clone();
            for (int m = rnd.nextInt(4); m >= 0 && bad.length > 0; m--) {
                bad[rnd.nextInt(bad.length)] = (byte) rnd.nextInt(256);
            }
            try {
                new WireReader(new ByteArrayInputStream(bad), bad.length).batch();
            } catch (WireFormatException e) {
                refused++;
                assertThat(e.getMessage()).isNotBlank();
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " (-Dsyncwright.wire.seed): body " + i + " failed with " + e, e);
            }
        }
        assertThat(refused).as("seed %d", seed).isGreaterThan(1000);
    }

    @Test
    void aLengthBeyondTheBodyIsRefusedBeforeAllocating() {
        byte[] huge = write(w -> w.int32(Integer.MAX_VALUE));
        assertThatThrownBy(() -> read(huge).bytes()).isInstanceOf(WireFormatException.class).hasMessageContaining("does not fit");
        byte[] many = write(w -> w.int32(100_000_000));
        assertThatThrownBy(() -> read(many).count("changes", 13)).isInstanceOf(WireFormatException.class);
    }

    @Test
    void aBatchWhoseKnowledgeDoesNotContainItsOwnChangesIsRefused() {
        ReplicaKeyMap keys = ReplicaKeyMap.of(List.of(ReplicaId.random(), ReplicaId.random()));
        Knowledge k = Knowledge.empty(keys).withTick(0, 10).withTick(1, 10);
        ItemChange beyond = ItemChange.live(ItemId.ofLong(5), Version.of(0, 3), false, new int[] {0}, new Version[] {Version.of(1, 11)},
                new Object[] {"x"});
        ChangeBatch b = new ChangeBatch(k, ItemId.ofLong(0), null, List.of(beyond), true, false, List.of(), null, Map.of());
        assertThatThrownBy(() -> read(write(w -> w.batch(b))).batch()).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("contradicts itself");
    }

    static ChangeBatch batch(Random rnd) {
        ReplicaKeyMap keys = ReplicaKeyMap.of(List.of(ReplicaId.random(), ReplicaId.random()));
        // a source knows every version it sends: its knowledge covers the changes' ticks (below 1,001)
        Knowledge k = Knowledge.empty(keys).withTick(0, 1001 + rnd.nextInt(100)).withTick(1, 1001 + rnd.nextInt(50));
        List<ItemChange> changes = new ArrayList<>();
        long id = rnd.nextInt(10);
        for (int i = 0; i < 1 + rnd.nextInt(5); i++) {
            id += 1 + rnd.nextInt(5);
            if (rnd.nextInt(4) == 0) {
                changes.add(ItemChange.tombstone(ItemId.ofLong(id), Version.of(0, 1 + id), Version.of(1, 2 + id)));
            } else {
                int units = 1 + rnd.nextInt(4);
                int[] u = new int[units];
                Version[] v = new Version[units];
                Object[] vals = new Object[units];
                for (int j = 0; j < units; j++) {
                    u[j] = j * 2;
                    v[j] = Version.of(rnd.nextInt(2), 1 + rnd.nextInt(1000));
                    vals[j] = VALUES[rnd.nextInt(VALUES.length)];
                }
                changes.add(ItemChange.live(ItemId.ofLong(id), Version.of(0, 1 + id), rnd.nextBoolean(), u, v, vals));
            }
        }
        boolean last = rnd.nextBoolean();
        return new ChangeBatch(k, ItemId.ofLong(0), last ? null : ItemId.ofLong(id + 1), changes, last, false, List.of(), null,
                rnd.nextBoolean() ? Map.of(ItemId.ofLong(id), "unreadable") : Map.of());
    }

    private interface Writing {
        void write(WireWriter w);
    }

    static byte[] write(Writing writing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WireWriter w = new WireWriter(out);
        writing.write(w);
        w.flush();
        return out.toByteArray();
    }

    static WireReader read(byte[] body) {
        return new WireReader(new ByteArrayInputStream(body), body.length);
    }
}
