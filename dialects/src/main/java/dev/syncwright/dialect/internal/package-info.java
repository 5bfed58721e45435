/**
 * Helpers shared by the dialect implementations and schema-tracking. Implementation detail: no
 * compatibility promise; may change in any release.
 */
package dev.syncwright.dialect.internal;
