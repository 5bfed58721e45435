/**
 * Spring Boot auto-configuration for Syncwright: from {@code syncwright.*} properties
 * ({@link dev.syncwright.spring.SyncwrightProperties}), a {@link dev.syncwright.jdbc.JdbcSyncProvider}
 * over the application's DataSource (provisioned on start if asked) and a
 * {@link dev.syncwright.spring.SyncService}.
 */
@NullMarked
package dev.syncwright.spring;

import org.jspecify.annotations.NullMarked;
