/** Implementation of schema-tracking. No compatibility promise; may change in any release. */
package dev.syncwright.tracking.internal;
