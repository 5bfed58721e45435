/**
 * Provisioning as a Liquibase XML changelog, for teams that apply schema changes through their
 * migrations: {@link dev.syncwright.tracking.liquibase.LiquibaseChangelog}. The XML is written
 * without Liquibase classes, so generating a changelog adds no dependency; the tests apply it with
 * Liquibase itself.
 */
package dev.syncwright.tracking.liquibase;
