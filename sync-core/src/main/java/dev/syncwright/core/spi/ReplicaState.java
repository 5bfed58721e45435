package dev.syncwright.core.spi;

import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import java.util.Objects;

/** A replica's id, current knowledge and forgotten knowledge, as it states them at the start of a session. */
public record ReplicaState(ReplicaId replicaId, Knowledge knowledge, Knowledge forgotten) {
    public ReplicaState {
        Objects.requireNonNull(replicaId, "replicaId");
        Objects.requireNonNull(knowledge, "knowledge");
        Objects.requireNonNull(forgotten, "forgotten");
    }
}
