package dev.syncwright.core.spi;

import java.util.Objects;

/**
 * What a replica remembers of a peer it syncs with (ADR 043).
 *
 * @param epoch     the pair's epoch: both sides store the same value, and every sync between them moves
 *                  it forward; a replica that shows an older one was restored from a backup, or is a copy
 *                  of a file whose original has synced since
 * @param nonce     drawn at random with each epoch: two copies that moved forward apart cannot agree on it
 * @param delivered the local tick through which this replica's own changes are known to the peer (what
 *                  the peer's knowledge says of it after the last upload): the point up to which a copy
 *                  of this replica shares its history with the original for certain
 * @param upstream  whether the peer is this replica's remote (its server): a client refuses to sync
 *                  with any other replica in that role
 */
public record PeerRecord(long epoch, String nonce, long delivered, boolean upstream) {
    public PeerRecord {
        Objects.requireNonNull(nonce, "nonce");
    }

    public PeerRecord withDelivered(long tick) {
        return new PeerRecord(epoch, nonce, Math.max(delivered, tick), upstream);
    }

    /** The same epoch as {@code other} (which side holds which delivered mark or role does not matter). */
    public boolean sameEpoch(PeerRecord other) {
        return epoch == other.epoch && nonce.equals(other.nonce);
    }
}
