package dev.syncwright.core.simple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.SyncException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ItemMetadataSchemaTest {
    static CustomFieldDefinition f(int id, Class<?> t) {
        return CustomFieldDefinition.of(id, t);
    }

    @Test
    void withoutChangeUnitDefinitionsTheItemIsOneUnitVersionedByEveryNonIdentityField() {
        ItemMetadataSchema s = new ItemMetadataSchema(List.of(f(1, String.class), f(2, Long.class), f(3, String.class)), IdentityRule.of(1));
        assertThat(s.changeUnitCount()).isEqualTo(1);
        assertThat(s.changeUnitVersionDefinitions()).containsExactly(ChangeUnitVersionDefinition.of(0, 2, 3));
    }

    @Test
    void invalidSchemasAreRefusedWithClearMessages() {
        assertThatThrownBy(() -> new ItemMetadataSchema(List.of(f(1, String.class), f(1, Long.class)), IdentityRule.of(1)))
                .isInstanceOf(SyncException.class).hasMessageContaining("Custom field id 1 is defined twice");
        assertThatThrownBy(() -> new ItemMetadataSchema(List.of(f(1, String.class), f(2, Long.class)), IdentityRule.of(7)))
                .isInstanceOf(SyncException.class).hasMessageContaining("identity rule names custom field 7, which is not defined");
        assertThatThrownBy(IdentityRule::of).isInstanceOf(SyncException.class).hasMessageContaining("at least one custom field");
        assertThatThrownBy(() -> IdentityRule.of(1, 1)).isInstanceOf(SyncException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> new ItemMetadataSchema(List.of(f(1, String.class)), IdentityRule.of(1)))
                .isInstanceOf(SyncException.class).hasMessageContaining("nothing versions the item");
        assertThatThrownBy(() -> new ItemMetadataSchema(List.of(f(1, String.class), f(2, Long.class)), IdentityRule.of(1),
                List.of(ChangeUnitVersionDefinition.of(0, 1))))
                .isInstanceOf(SyncException.class).hasMessageContaining("Custom field 1 is both an identity field and a version field");
        assertThatThrownBy(() -> new ItemMetadataSchema(List.of(f(1, String.class), f(2, Long.class)), IdentityRule.of(1),
                List.of(ChangeUnitVersionDefinition.of(0, 9))))
                .isInstanceOf(SyncException.class).hasMessageContaining("versioned by custom field 9, which is not defined");
        assertThatThrownBy(() -> new ItemMetadataSchema(List.of(f(1, String.class), f(2, Long.class), f(3, Long.class)), IdentityRule.of(1),
                List.of(ChangeUnitVersionDefinition.of(0, 2), ChangeUnitVersionDefinition.of(2, 3))))
                .isInstanceOf(SyncException.class).hasMessageContaining("must be numbered 0..1");
        assertThatThrownBy(() -> new ItemMetadataSchema(List.of(f(1, String.class), f(2, Long.class), f(3, Long.class)), IdentityRule.of(1),
                List.of(ChangeUnitVersionDefinition.of(0, 2), ChangeUnitVersionDefinition.of(0, 3))))
                .isInstanceOf(SyncException.class).hasMessageContaining("Change unit 0 is defined twice");
        assertThatThrownBy(() -> new ItemMetadataSchema(List.of(f(1, String.class), f(2, Long.class), f(3, Long.class)), IdentityRule.of(1),
                List.of(ChangeUnitVersionDefinition.of(0, 2, 3), ChangeUnitVersionDefinition.of(1, 3))))
                .isInstanceOf(SyncException.class).hasMessageContaining("Custom field 3 versions both change unit 0 and change unit 1");
        assertThatThrownBy(() -> new ItemMetadataSchema(List.of(f(1, String.class), f(2, Long.class), f(3, Long.class)), IdentityRule.of(1),
                List.of(ChangeUnitVersionDefinition.of(0, 2))))
                .isInstanceOf(SyncException.class).hasMessageContaining("Custom field 3 is neither an identity field nor a version field");
        assertThatThrownBy(() -> ChangeUnitVersionDefinition.of(0)).isInstanceOf(SyncException.class).hasMessageContaining("no version field");
        assertThatThrownBy(() -> f(-1, String.class)).isInstanceOf(SyncException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> f(1, java.time.Instant.class)).isInstanceOf(SyncException.class)
                .hasMessageContaining("java.time.Instant, which simple providers cannot store");
        assertThat(f(1, long.class).type()).isEqualTo(Long.class);
    }

    @Test
    void aLoneStringOrLongIdentityEncodesLikeTheCoreIds() {
        ItemMetadataSchema s = Stores.ONE_UNIT;
        assertThat(s.itemId(ItemFields.of(Stores.NAME, "notes.txt"))).isEqualTo(ItemId.ofString("notes.txt"));
        assertThat(s.identity(ItemId.ofString("notes.txt"))).isEqualTo(ItemFields.of(Stores.NAME, "notes.txt"));
        ItemMetadataSchema l = new ItemMetadataSchema(List.of(f(1, Long.class), f(2, Long.class)), IdentityRule.of(1));
        for (long v : new long[] {Long.MIN_VALUE, -1, 0, 1, 42, Long.MAX_VALUE}) {
            assertThat(l.itemId(ItemFields.of(1, v))).isEqualTo(ItemId.ofLong(v));
            assertThat(l.identity(ItemId.ofLong(v)).longValue(1)).isEqualTo(v);
        }
    }

    @Test
    void compositeIdentitiesRoundTripAndKeepTheTupleOrder() {
        ItemMetadataSchema s = new ItemMetadataSchema(List.of(f(1, String.class), f(2, byte[].class), f(3, Integer.class), f(4, Boolean.class),
                f(5, UUID.class), f(6, String.class), f(9, Long.class)), IdentityRule.of(1, 2, 3, 4, 5, 6));
        Random rnd = new Random(7);
        List<ItemFields> tuples = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ItemFields t = ItemFields.empty().with(1, randomString(rnd)).with(2, randomBytes(rnd)).with(3, rnd.nextInt(7) - 3)
                    .with(4, rnd.nextBoolean()).with(5, new UUID(rnd.nextInt(3) - 1, rnd.nextInt(3))).with(6, randomString(rnd));
            tuples.add(t);
            ItemId id = s.itemId(t);
            assertThat(s.identity(id)).isEqualTo(t);
        }
        for (int i = 0; i + 1 < tuples.size(); i++) {
            ItemFields a = tuples.get(i);
            ItemFields b = tuples.get(i + 1);
            assertThat(Integer.signum(s.itemId(a).compareTo(s.itemId(b)))).as("%s vs %s", a, b).isEqualTo(Integer.signum(compare(a, b)));
        }
    }

    @Test
    void foreignIdsAreRefused() {
        ItemMetadataSchema s = new ItemMetadataSchema(List.of(f(1, String.class), f(2, Integer.class), f(3, Long.class)), IdentityRule.of(1, 2));
        assertThatThrownBy(() -> s.identity(ItemId.of(new byte[] {'a', 'b'}))).isInstanceOf(SyncException.class).hasMessageContaining("no terminator");
        assertThatThrownBy(() -> s.identity(ItemId.of(new byte[] {'a', 0, 1, 0, 0, 0}))).isInstanceOf(SyncException.class)
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> s.identity(ItemId.of(new byte[] {'a', 0, 1, 0, 0, 0, 0, 5}))).isInstanceOf(SyncException.class)
                .hasMessageContaining("left over");
        assertThatThrownBy(() -> s.identity(ItemId.of(new byte[] {(byte) 0xFF, 0, 1, 0, 0, 0, 0}))).isInstanceOf(SyncException.class)
                .hasMessageContaining("not valid UTF-8");
        assertThatThrownBy(() -> s.itemId(ItemFields.of(1, "x"))).isInstanceOf(SyncException.class).hasMessageContaining("Identity field 2 is missing");
        assertThatThrownBy(() -> s.itemId(ItemFields.of(1, "x", 2, 5L))).isInstanceOf(SyncException.class)
                .hasMessageContaining("declared Integer but holds a Long");
        assertThatThrownBy(() -> s.itemId(ItemFields.of(1, "\uD800", 2, 5))).isInstanceOf(SyncException.class)
                .hasMessageContaining("not valid Unicode");
    }

    private static String randomString(Random rnd) {
        char[] alphabet = {'\0', 'a', 'b', '\u00e9', '\uFFFF'};
        StringBuilder sb = new StringBuilder();
        for (int i = rnd.nextInt(4); i > 0; i--) {
            sb.append(alphabet[rnd.nextInt(alphabet.length)]);
        }
        return sb.toString();
    }

    private static byte[] randomBytes(Random rnd) {
        byte[] b = new byte[rnd.nextInt(4)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) new int[] {0, 1, 0xFF, 0x7F}[rnd.nextInt(4)];
        }
        return b;
    }

    private static int compare(ItemFields a, ItemFields b) {
        int c = compareCodePoints(a.string(1), b.string(1));
        if (c == 0) {
            c = java.util.Arrays.compareUnsigned((byte[]) a.get(2), (byte[]) b.get(2));
        }
        if (c == 0) {
            c = Integer.compare((Integer) a.get(3), (Integer) b.get(3));
        }
        if (c == 0) {
            c = Boolean.compare((Boolean) a.get(4), (Boolean) b.get(4));
        }
        if (c == 0) {
            UUID x = (UUID) a.get(5);
            UUID y = (UUID) b.get(5);
            c = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
            if (c == 0) {
                c = Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
            }
        }
        if (c == 0) {
            c = compareCodePoints(a.string(6), b.string(6));
        }
        return c;
    }

    private static int compareCodePoints(String x, String y) {
        return java.util.Arrays.compare(x.codePoints().toArray(), y.codePoints().toArray());
    }
}
