/**
 * The sync runtime: knowledge, versions and replica ids, the orchestrator and its results, conflict
 * policies and interceptors. JDK-only. Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.syncwright.core;

import org.jspecify.annotations.NullMarked;
