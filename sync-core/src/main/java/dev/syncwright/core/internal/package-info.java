/**
 * Implementation details of sync-core. Nothing here is API: it may change in any release without notice.
 */
package dev.syncwright.core.internal;
