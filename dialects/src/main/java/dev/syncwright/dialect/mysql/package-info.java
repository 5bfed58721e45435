/**
 * MySQL 8.0+ and MariaDB 10.6+: backtick quoting, tracking tables and row triggers that mark rows
 * pending, and the commit-safe clock that stamps committed pending rows (ADR 020).
 */
package dev.syncwright.dialect.mysql;
