package dev.syncwright.dialect;

/**
 * What a database can do, named by capability so that shared code never tests for a vendor.
 *
 * @param transactionalDdl      DDL takes part in transactions: a failed provisioning leaves nothing behind
 * @param transitionTables      statement-level triggers see all changed rows at once (set-based tracking)
 * @param schemas               sync objects live in a schema of their own rather than under a name prefix
 * @param maxIdentifierBytes    longest identifier in UTF-8 bytes (0 = no practical limit)
 * @param watermarkWrites       {@link TickStrategy#safeWatermark} writes (and commits) on its connection
 * @param pendingStamps         triggers leave versions pending ({@code sw_pend}, {@link SqlNames#PENDING_VERSION})
 *                              for {@link TickStrategy#safeWatermark} to stamp
 * @param bulkLoad              an INSERT costs a trigger program per row, and an empty table's insert tracking
 *                              can be left off while a new client loads its first download
 *                              ({@link TrackingSql#provisionTableForBulkLoad}, ADR 063)
 */
public record Capabilities(boolean transactionalDdl, boolean transitionTables, boolean schemas,
                           int maxIdentifierBytes, boolean watermarkWrites, boolean pendingStamps, boolean bulkLoad) {
}
