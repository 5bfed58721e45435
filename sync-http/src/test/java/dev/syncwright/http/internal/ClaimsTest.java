package dev.syncwright.http.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.ClockVector;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.ReplicaKeyMap;
import dev.syncwright.core.Version;
import dev.syncwright.core.spi.ChangeBatch;
import dev.syncwright.core.spi.ItemChange;
import dev.syncwright.core.spi.ReplicaState;
import dev.syncwright.http.WireFormatException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What an uploading client may claim (ADR 058): its own versions, the server's former ids', and
 * otherwise only what the server holds; the server's own versions beyond what it holds never.
 */
class ClaimsTest {
    static final ReplicaId SERVER = ReplicaId.random();
    static final ReplicaId CLIENT = ReplicaId.random();
    static final ReplicaId OTHER = ReplicaId.random();
    static final ReplicaId FORMER = ReplicaId.random();
    /** Key map of the client's batches: the client, the server, another client, the server's former id. */
    static final ReplicaKeyMap BATCH_KEYS = ReplicaKeyMap.of(List.of(CLIENT, SERVER, OTHER, FORMER));
    /** The server holds its own ticks through 10 and the other client's through 5. */
    static final ReplicaState SELF = new ReplicaState(SERVER, Knowledge.ofVector(ReplicaKeyMap.of(List.of(SERVER, OTHER)),
            ClockVector.of(new int[] {0, 1}, new long[] {10, 5})), Knowledge.empty(ReplicaKeyMap.forReplica(SERVER)));

    @Test
    void ownChangesAndWhatTheServerHoldsPass() {
        assertThatCode(() -> check(batch(new long[] {900, 10, 5, 0}, change(0, 900)), false)).doesNotThrowAnyException();
        assertThatCode(() -> check(batch(new long[] {900, 7, 3, 0}, change(2, 4)), false)).doesNotThrowAnyException();
    }

    @Test
    void theServersOwnTicksBeyondWhatItHoldsAreRefusedEvenWithRelays() {
        assertThatThrownBy(() -> check(batch(new long[] {1, 11, 0, 0}), true)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining(SERVER.toString()).hasMessageContaining("never issued").hasMessageContaining("nothing was applied");
        assertThatThrownBy(() -> check(batch(new long[] {1, 10, 0, 0}, change(1, 12)), true)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("made by replica " + SERVER);
    }

    @Test
    void anotherReplicasVersionsTheServerDoesNotHoldAreRelaysRefusedUnlessAllowed() {
        ChangeBatch claim = batch(new long[] {1, 10, 6, 0});
        assertThatThrownBy(() -> check(claim, false)).isInstanceOf(WireFormatException.class).hasMessageContaining(OTHER.toString())
                .hasMessageContaining("--allow-relays");
        assertThatCode(() -> check(claim, true)).doesNotThrowAnyException();
        ChangeBatch relayed = batch(new long[] {1, 10, 6, 0}, change(2, 6));
        assertThatThrownBy(() -> check(relayed, false)).hasMessageContaining(OTHER.toString());
        // a change the knowledge does not cover is refused by itself too
        assertThatThrownBy(() -> check(batch(new long[] {1, 10, 5, 0}, change(2, 6)), false)).hasMessageContaining("made by replica " + OTHER);
        assertThatCode(() -> check(relayed, true)).doesNotThrowAnyException();
    }

    @Test
    void theServersFormerIdsAreClaimableAfterARestore() {
        // clients send back what a server restored from a backup lost, under its former id (ADR 043)
        assertThatCode(() -> check(batch(new long[] {1, 10, 0, 40}, change(3, 40)), false)).doesNotThrowAnyException();
    }

    private static void check(ChangeBatch b, boolean relays) {
        Claims.require(b, CLIENT, SELF, () -> Set.of(FORMER), relays);
    }

    private static ChangeBatch batch(long[] ticks, ItemChange... changes) {
        int n = 0;
        for (long t : ticks) {
            n += t > 0 ? 1 : 0;
        }
        int[] k = new int[n];
        long[] t = new long[n];
        for (int i = 0, j = 0; i < ticks.length; i++) {
            if (ticks[i] > 0) {
                k[j] = i;
                t[j++] = ticks[i];
            }
        }
        return new ChangeBatch(Knowledge.ofVector(BATCH_KEYS, ClockVector.of(k, t)), ItemId.MIN, null, List.of(changes), true, false,
                List.of(), null);
    }

    /** Item 1 created by the client at tick 1, its unit 1 last changed by {@code key} at {@code tick}. */
    private static ItemChange change(int key, long tick) {
        return ItemChange.live(ItemId.ofLong(1), Version.of(0, 1), false, new int[] {1}, new Version[] {Version.of(key, tick)},
                new Object[] {"v"});
    }
}
