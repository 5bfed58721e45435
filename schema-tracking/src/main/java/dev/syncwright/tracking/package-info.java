/**
 * Change tracking for an existing schema: {@link dev.syncwright.tracking.SyncScope} names the tables,
 * {@link dev.syncwright.tracking.Provisioner} introspects them into a
 * {@link dev.syncwright.tracking.ScopeDefinition}, provisions / re-provisions / deprovisions the tracking
 * objects (as a {@link dev.syncwright.tracking.ProvisioningPlan} that can be executed or rendered) and
 * reports {@link dev.syncwright.tracking.ScopeStatus}.
 */
package dev.syncwright.tracking;
