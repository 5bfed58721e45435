package dev.syncwright.core;

/** How a conflict was resolved. */
public enum ConflictResolution {
    SOURCE_WINS,
    DESTINATION_WINS,
    /** Column-wise: units changed on one side only taken from that side, the rest by a secondary policy. */
    MERGE,
    /** A custom handler supplied the values. */
    CUSTOM,
    /** Not resolved: kept in the conflict log, and the item comes again on a later sync. */
    DEFER
}
