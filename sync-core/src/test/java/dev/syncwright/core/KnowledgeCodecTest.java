package dev.syncwright.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KnowledgeCodecTest {
    static Knowledge randomKnowledge(Random r) {
        ReplicaKeyMap keys = ReplicaKeyMap.forReplica(ReplicaId.of(new UUID(r.nextLong(), r.nextLong())));
        int replicas = 1 + r.nextInt(6);
        for (int i = 1; i < replicas; i++) {
            keys = keys.withReplica(ReplicaId.of(new UUID(r.nextLong(), r.nextLong())));
        }
        Knowledge k = Knowledge.empty(keys);
        for (int i = 0; i < 1 + r.nextInt(5); i++) {
            int[] ks = {0, keys.size() - 1};
            ClockVector v = ks[0] == ks[1] ? ClockVector.of(0, r.nextInt(1_000_000))
                    : ClockVector.of(ks, new long[] {r.nextInt(1_000_000), r.nextLong() >>> 24});
            Knowledge part = Knowledge.ofVector(keys, v);
            if (r.nextBoolean()) {
                ItemId from = ItemId.ofLong(r.nextInt(100));
                part = part.project(from, r.nextBoolean() ? null : ItemId.ofLong(100 + r.nextInt(100)));
            }
            k = k.merge(part);
            if (r.nextInt(3) == 0) {
                k = k.excludeItem(ItemId.ofLong(r.nextInt(200)));
            }
            if (r.nextInt(3) == 0) {
                k = k.excludeChangeUnit(ItemId.ofString("item-" + r.nextInt(50)), r.nextInt(40));
            }
        }
        return k;
    }

    @Test
    void roundTripsRandomKnowledge() {
        Random r = new Random(42);
        for (int i = 0; i < 2000; i++) {
            Knowledge k = randomKnowledge(r);
            assertThat(Knowledge.decode(k.encode())).isEqualTo(k);
        }
    }

    @Test
    void mutatedTruncatedOrRandomBytesNeverDecodeToAWrongKnowledge() {
        Random r = new Random(7);
        int rejected = 0;
        for (int i = 0; i < 5000; i++) {
            Knowledge k = randomKnowledge(r);
            byte[] good = k.encode();
            byte[] bad = switch (i % 5) {
                case 0 -> flipBits(good, r, 1);
                case 1 -> flipBits(good, r, 1 + r.nextInt(8));
                case 2 -> Arrays.copyOf(good, r.nextInt(good.length));
                case 3 -> insertBytes(good, r);
                default -> randomBytes(r, good.length);
            };
            try {
                Knowledge d = Knowledge.decode(bad);
                assertThat(bad).as("decoded mutated bytes to a knowledge").isEqualTo(good);
                assertThat(d).isEqualTo(k);
            } catch (KnowledgeFormatException e) {
                assertThat(e.getMessage()).isNotBlank();
                rejected++;
            }
        }
        assertThat(rejected).isGreaterThan(4900);
    }

    @Test
    void hostileCountsFailFastWithoutHugeAllocations() {
        byte[] header = {'S', 'W', 'K', 1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07};
        byte[] withCrc = withChecksum(header);
        assertThatThrownBy(() -> Knowledge.decode(withCrc)).isInstanceOf(KnowledgeFormatException.class)
                .hasMessageContaining("claims");
        assertThatThrownBy(() -> Knowledge.decode(new byte[0])).isInstanceOf(KnowledgeFormatException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> Knowledge.decode(null)).isInstanceOf(KnowledgeFormatException.class);
        byte[] v2 = Knowledge.empty(ReplicaKeyMap.forReplica(ReplicaId.random())).encode();
        v2[3] = 2;
        assertThatThrownBy(() -> Knowledge.decode(v2)).isInstanceOf(KnowledgeFormatException.class).hasMessageContaining("format version 2");
    }

    @Test
    void encodedSizeOfAKnowledgeWithoutExceptions() {
        for (int replicas : new int[] {10, 100}) {
            ReplicaKeyMap keys = ReplicaKeyMap.forReplica(ReplicaId.random());
            int[] ks = new int[replicas];
            long[] ticks = new long[replicas];
            for (int i = 0; i < replicas; i++) {
                if (i > 0) {
                    keys = keys.withReplica(ReplicaId.random());
                }
                ks[i] = i;
                ticks[i] = 1_000_000L + i * 7919L;
            }
            Knowledge k = Knowledge.ofVector(keys, ClockVector.of(ks, ticks));
            int size = k.encode().length;
            System.out.printf("knowledge of a replica synced with %d replicas, no exceptions: %d bytes (%.1f per replica)%n",
                    replicas, size, size / (double) replicas);
            assertThat(size).isLessThan(replicas * 24 + 16);
        }
    }

    static byte[] flipBits(byte[] b, Random r, int n) {
        byte[] c = b.clone();
        for (int i = 0; i < n; i++) {
            c[r.nextInt(c.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return c;
    }

    static byte[] insertBytes(byte[] b, Random r) {
        int at = r.nextInt(b.length + 1);
        int n = 1 + r.nextInt(4);
        byte[] c = new byte[b.length + n];
        System.arraycopy(b, 0, c, 0, at);
        for (int i = 0; i < n; i++) {
            c[at + i] = (byte) r.nextInt(256);
        }
        System.arraycopy(b, at, c, at + n, b.length - at);
        return c;
    }

    static byte[] randomBytes(Random r, int n) {
        byte[] c = new byte[n];
        r.nextBytes(c);
        if (r.nextBoolean() && n > 4) {
            c[0] = 'S';
            c[1] = 'W';
            c[2] = 'K';
            c[3] = 1;
        }
        return c;
    }

    static byte[] withChecksum(byte[] body) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(body);
        int c = (int) crc.getValue();
        byte[] out = Arrays.copyOf(body, body.length + 4);
        out[body.length] = (byte) (c >>> 24);
        out[body.length + 1] = (byte) (c >>> 16);
        out[body.length + 2] = (byte) (c >>> 8);
        out[body.length + 3] = (byte) c;
        return out;
    }
}
