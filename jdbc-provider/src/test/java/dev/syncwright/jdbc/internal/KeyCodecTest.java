package dev.syncwright.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.PortableType.Kind;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyCodecTest {
    static ColumnDefinition key(String name, PortableType t, int pos) {
        return new ColumnDefinition(name, t.toString(), t, false, pos, -1);
    }

    @Test
    void compositeKeysRoundTripAndSortLikeTheirComponents() {
        KeyCodec codec = new KeyCodec("t", 3, List.of(key("a", PortableType.of(Kind.BIGINT), 1), key("b", PortableType.of(Kind.TEXT), 2)));
        Random r = new Random(1);
        List<Object[]> keys = new ArrayList<>();
        String[] texts = {"", "a", "ab", "a\u0000", "a\u0000b", "b", "é", "😀", "Z"};
        for (int i = 0; i < 300; i++) {
            keys.add(new Object[] {(long) (r.nextInt(11) - 5) * (r.nextBoolean() ? 1 : Long.MAX_VALUE / 7), texts[r.nextInt(texts.length)]});
        }
        Comparator<Object[]> natural = Comparator.<Object[]>comparingLong(k -> (Long) k[0])
                .thenComparing(k -> ((String) k[1]).getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned);
        for (Object[] a : keys) {
            assertThat(codec.decode(codec.encode(a))).containsExactly(a);
            for (Object[] b : keys.subList(0, 20)) {
                assertThat(Integer.signum(codec.encode(a).compareTo(codec.encode(b)))).isEqualTo(Integer.signum(natural.compare(a, b)));
            }
        }
        assertThat(KeyCodec.tableOf(codec.encode(keys.get(0)))).isEqualTo(3);
        assertThat(codec.encode(keys.get(0)).compareTo(KeyCodec.tableStart(3))).isPositive();
        assertThat(codec.encode(keys.get(0)).compareTo(KeyCodec.tableStart(4))).isNegative();
    }

    @Test
    void otherKeyTypesRoundTrip() {
        KeyCodec codec = new KeyCodec("t", 0, List.of(key("u", PortableType.of(Kind.UUID), 1), key("d", PortableType.of(Kind.DATE), 2),
                key("x", PortableType.of(Kind.BYTES), 3)));
        Object[] k = {UUID.randomUUID(), LocalDate.of(1969, 12, 31), new byte[] {0, -1, 0, 1}};
        Object[] back = codec.decode(codec.encode(k));
        assertThat(back[0]).isEqualTo(k[0]);
        assertThat(back[1]).isEqualTo(k[1]);
        assertThat((byte[]) back[2]).containsExactly((byte[]) k[2]);
    }

    @Test
    void refusesKeysWithoutStableIdentity() {
        assertThatThrownBy(() -> new KeyCodec("prices", 0, List.of(key("p", PortableType.of(Kind.DOUBLE), 1))))
                .isInstanceOf(SyncException.class).hasMessageContaining("prices").hasMessageContaining("'p'");
        assertThatThrownBy(() -> new KeyCodec("t", 0, List.of(key("n", PortableType.numeric(10, 2), 1))))
                .hasMessageContaining("whole numbers");
        KeyCodec c = new KeyCodec("t", 0, List.of(key("id", PortableType.of(Kind.INTEGER), 1)));
        assertThatThrownBy(() -> c.decode(ItemId.ofString("x"))).isInstanceOf(SyncException.class);
    }
}
