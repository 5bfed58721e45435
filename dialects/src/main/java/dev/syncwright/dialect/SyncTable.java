package dev.syncwright.dialect;

/**
 * The shared sync tables that provisioning creates once per database (PostgreSQL schema
 * {@code syncwright}, elsewhere the prefix {@code syncwright_}). Their columns are fixed:
 * <ul>
 * <li>SCOPES: scope_name (PK), replica_id (UUID text), knowledge, forgotten_knowledge, replica_key_map
 * (binary, nullable, written by the runtime), definition (JSON text), definition_version, created_at, updated_at</li>
 * <li>SCOPE_TABLES: table_schema, table_name (together the PK: a table belongs to one scope), scope_name</li>
 * <li>CONFLICTS: id, scope_name, table_name, pk_json, kind, resolution, local_json, remote_json,
 * detected_at, resolved, message (the database's own error when it refused a row; format 2)</li>
 * <li>PEERS: scope_name, peer_id (together the PK), epoch, nonce, delivered, upstream, updated_at: what this
 * replica remembers of each replica it syncs with (ADR 043; format 2)</li>
 * <li>PRINCIPALS: scope_name, replica_id (together the PK), principal, bound_at: the authenticated
 * principal each client replica syncs as over HTTP, bound by its first write (ADR 064). Created by
 * provisioning; a database provisioned before it gets it when a scope is provisioned again</li>
 * </ul>
 */
public enum SyncTable {
    SCOPES("scopes"), SCOPE_TABLES("scope_tables"), CONFLICTS("conflicts"), PEERS("peers"), PRINCIPALS("replica_principals");

    private final String baseName;

    SyncTable(String baseName) {
        this.baseName = baseName;
    }

    /** The name without schema or prefix. */
    public String baseName() {
        return baseName;
    }
}
