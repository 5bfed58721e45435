package dev.syncwright.core.simple;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A store that can say what changed since an opaque anchor of its own making (a change-journal
 * position, a server-side sync token, a high-water timestamp). The provider keeps the anchor in the
 * metadata store, in the same transaction as the versions it records, so a crash between the two
 * only makes the next pass read the same changes again, which records nothing new.
 */
public interface AnchorStore extends SimpleItemStore {
    /**
     * What changed since {@code anchor} ({@code null}: since the beginning, so every item is
     * "changed"). The store's own writes on behalf of sync are reported too; the provider recognizes
     * them by their version fields.
     */
    Changes changesSince(byte @Nullable [] anchor);

    /**
     * Items created or changed since the anchor, each reported with its <b>current</b> identity and
     * version fields; identities deleted since the anchor (and not re-created: an item deleted and
     * created again is reported as changed); the anchor to pass next time. An identity may not be both
     * changed and deleted: report its final state.
     */
    record Changes(List<ItemFields> changed, List<ItemFields> deleted, byte @Nullable [] anchor) {
        public Changes {
            changed = List.copyOf(changed);
            deleted = List.copyOf(deleted);
            anchor = anchor == null ? null : anchor.clone();
        }

        @Override
        public byte @Nullable [] anchor() {
            return anchor == null ? null : anchor.clone();
        }
    }
}
