package dev.syncwright.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KnowledgeTest {
    static final ReplicaId ME = ReplicaId.of(new UUID(0, 1));
    static final ReplicaId OTHER = ReplicaId.of(new UUID(0, 2));
    static final ReplicaId THIRD = ReplicaId.of(new UUID(0, 3));
    static final ItemId A = ItemId.ofLong(1), B = ItemId.ofLong(2), C = ItemId.ofLong(3), D = ItemId.ofLong(4);

    final ReplicaKeyMap keys = ReplicaKeyMap.forReplica(ME).withReplica(OTHER);

    Knowledge vector(long me, long other) {
        return Knowledge.ofVector(keys, ClockVector.of(new int[] {0, 1}, new long[] {me, other}));
    }

    @Test
    void containsFollowsTheClockVector() {
        Knowledge k = vector(5, 3);
        assertThat(k.contains(A, Version.of(0, 5))).isTrue();
        assertThat(k.contains(A, Version.of(0, 6))).isFalse();
        assertThat(k.contains(A, 2, Version.of(1, 3))).isTrue();
        assertThat(k.contains(A, Version.of(1, 4))).isFalse();
        assertThat(Knowledge.empty(keys).contains(A, Version.of(0, 0))).isFalse();
    }

    @Test
    void mergeIsPointwiseMaximumAndCanonical() {
        Knowledge a = vector(5, 1);
        Knowledge b = vector(2, 7);
        Knowledge m = a.merge(b);
        assertThat(m).isEqualTo(vector(5, 7));
        assertThat(m.isSimple()).isTrue();
        assertThat(a.merge(a)).isEqualTo(a);
        assertThat(a.merge(b)).isEqualTo(b.merge(a));
    }

    @Test
    void projectKeepsOnlyTheRange() {
        Knowledge p = vector(5, 5).project(B, C);
        assertThat(p.contains(A, Version.of(0, 1))).isFalse();
        assertThat(p.contains(B, Version.of(0, 5))).isTrue();
        assertThat(p.contains(C, Version.of(0, 1))).isFalse();
        assertThat(p.rangeCount()).isEqualTo(3);
        Knowledge open = vector(5, 5).project(C, null);
        assertThat(open.contains(D, Version.of(1, 5))).isTrue();
        assertThat(open.contains(B, Version.of(1, 5))).isFalse();
    }

    @Test
    void mergingProjectionsOfAllRangesGivesTheWhole() {
        Knowledge whole = vector(9, 4);
        Knowledge parts = Knowledge.empty(keys).merge(whole.project(null, B)).merge(whole.project(B, C.successor()))
                .merge(whole.project(C.successor(), null));
        assertThat(parts).isEqualTo(whole);
        assertThat(parts.isSimple()).isTrue();
    }

    @Test
    void excludeItemMakesAnExceptionThatMergeLiftsAgain() {
        Knowledge k = vector(5, 5).excludeItem(B);
        assertThat(k.contains(B, Version.of(1, 1))).isFalse();
        assertThat(k.contains(A, Version.of(1, 5))).isTrue();
        assertThat(k.exceptionCount()).isEqualTo(1);
        Knowledge old = vector(2, 2);
        Knowledge learned = old.merge(k);
        assertThat(learned.contains(B, Version.of(1, 2))).isTrue();
        assertThat(learned.contains(B, Version.of(1, 3))).isFalse();
        assertThat(learned.contains(A, Version.of(1, 5))).isTrue();
        assertThat(learned.merge(vector(5, 5))).isEqualTo(vector(5, 5));
        assertThat(learned.merge(vector(5, 5)).exceptionCount()).isZero();
    }

    @Test
    void changeUnitExceptionsAreMoreSpecificThanItems() {
        Knowledge k = vector(5, 5).excludeChangeUnit(B, 2);
        assertThat(k.contains(B, 2, Version.of(1, 1))).isFalse();
        assertThat(k.contains(B, 1, Version.of(1, 5))).isTrue();
        assertThat(k.contains(B, Version.of(1, 5))).isTrue();
        assertThat(k.unitsWithExceptions(B)).containsExactly(2);
        assertThat(k.excludeItem(B).unitsWithExceptions(B)).isEmpty();
    }

    @Test
    void withTickRaisesEveryRegionIncludingExceptions() {
        Knowledge k = vector(5, 5).excludeItem(B).withTick(0, 9);
        assertThat(k.contains(B, Version.of(0, 9))).isTrue();
        assertThat(k.contains(B, Version.of(1, 1))).isFalse();
        assertThat(k.contains(A, Version.of(0, 9))).isTrue();
    }

    @Test
    void containsKnowledgeChecksEveryRegion() {
        Knowledge big = vector(5, 5);
        assertThat(big.contains(vector(5, 4))).isTrue();
        assertThat(big.contains(vector(6, 4))).isFalse();
        assertThat(big.excludeItem(C).contains(vector(1, 1))).isFalse();
        assertThat(big.contains(big.excludeItem(C))).isTrue();
        assertThat(vector(1, 1).contains(big.project(C, D))).isFalse();
        assertThat(vector(1, 1).contains(Knowledge.empty(keys))).isTrue();
    }

    @Test
    void translatesBetweenKeyMapsThroughReplicaIds() {
        ReplicaKeyMap theirs = ReplicaKeyMap.forReplica(OTHER).withReplica(THIRD).withReplica(ME);
        Knowledge k = Knowledge.ofVector(theirs, ClockVector.of(new int[] {0, 1, 2}, new long[] {7, 8, 9}));
        Knowledge mine = Knowledge.empty(keys).merge(k);
        assertThat(mine.keys().replicaIds()).containsExactly(ME, OTHER, THIRD);
        assertThat(mine.contains(A, Version.of(0, 9))).isTrue();
        assertThat(mine.contains(A, Version.of(1, 7))).isTrue();
        assertThat(mine.contains(A, Version.of(2, 8))).isTrue();
        assertThat(mine.contains(A, Version.of(2, 9))).isFalse();
        assertThat(mine.minimumTick(2)).isEqualTo(8);
    }

    @Test
    void rejectsMalformedParts() {
        assertThatThrownBy(() -> Knowledge.of(keys, List.of(B), List.of(ClockVector.EMPTY), Map.of(), Map.of()))
                .isInstanceOf(SyncException.class).hasMessageContaining("minimal item id");
        assertThatThrownBy(() -> Knowledge.ofVector(keys, ClockVector.of(5, 1)))
                .isInstanceOf(SyncException.class).hasMessageContaining("replica key 5");
        assertThatThrownBy(() -> ClockVector.of(new int[] {2, 1}, new long[] {1, 1})).isInstanceOf(SyncException.class);
    }
}
