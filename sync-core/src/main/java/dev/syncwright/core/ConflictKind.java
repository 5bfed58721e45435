package dev.syncwright.core;

/** How two concurrent changes to one item collide, seen from the destination ("local") replica. */
public enum ConflictKind {
    /** Both replicas changed the same change unit (column). */
    UPDATE_UPDATE,
    /** The destination changed the item; the source deleted it. */
    UPDATE_DELETE,
    /** The destination deleted the item (possibly long ago, its tombstone since cleaned up); the source changed it. */
    DELETE_UPDATE,
    /** Both replicas created an item with the same id (same primary key). */
    INSERT_INSERT,
    /** The store refused the change: a constraint, a value the column cannot hold, a trigger's error... */
    CONSTRAINT
}
