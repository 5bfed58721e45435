-- CREATE_TABLE syncwright_scopes
CREATE TABLE "syncwright_scopes" (
  scope_name TEXT PRIMARY KEY NOT NULL,
  replica_id TEXT NOT NULL,
  knowledge BLOB,
  forgotten_knowledge BLOB,
  replica_key_map BLOB,
  definition TEXT NOT NULL,
  definition_version INTEGER NOT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CREATE_TABLE syncwright_scope_tables
CREATE TABLE "syncwright_scope_tables" (
  table_schema TEXT NOT NULL,
  table_name TEXT NOT NULL,
  scope_name TEXT NOT NULL REFERENCES "syncwright_scopes" (scope_name) ON DELETE CASCADE,
  PRIMARY KEY (table_schema, table_name)
);

-- CREATE_TABLE syncwright_conflicts
CREATE TABLE "syncwright_conflicts" (
  id INTEGER PRIMARY KEY,
  scope_name TEXT NOT NULL,
  table_name TEXT NOT NULL,
  pk_json TEXT NOT NULL,
  kind TEXT NOT NULL,
  resolution TEXT,
  local_json TEXT,
  remote_json TEXT,
  detected_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  resolved INTEGER NOT NULL DEFAULT 0,
  message TEXT
);

-- CREATE_TABLE syncwright_peers
CREATE TABLE "syncwright_peers" (
  scope_name TEXT NOT NULL,
  peer_id TEXT NOT NULL,
  epoch INTEGER NOT NULL,
  nonce TEXT NOT NULL,
  delivered INTEGER NOT NULL,
  upstream INTEGER NOT NULL,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (scope_name, peer_id)
);

-- CREATE_TABLE syncwright_replica_principals
CREATE TABLE "syncwright_replica_principals" (
  scope_name TEXT NOT NULL,
  replica_id TEXT NOT NULL,
  principal TEXT NOT NULL,
  bound_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (scope_name, replica_id)
);

-- CREATE_INDEX syncwright_conflicts_open
CREATE INDEX "syncwright_conflicts_open" ON "syncwright_conflicts" (scope_name, resolved);

-- CREATE_TABLE syncwright_clock
CREATE TABLE "syncwright_clock" (id INTEGER PRIMARY KEY CHECK (id = 1), tick INTEGER NOT NULL);

-- INSERT syncwright_clock
INSERT INTO "syncwright_clock" (id, tick) VALUES (1, 0);

-- CREATE_TABLE syncwright_context
CREATE TABLE "syncwright_context" (id INTEGER PRIMARY KEY CHECK (id = 1), suppress INTEGER NOT NULL);

-- INSERT syncwright_context
INSERT INTO "syncwright_context" (id, suppress) VALUES (1, 0);

-- DROP_TABLE syncwright_context
DROP TABLE "syncwright_context";

-- DROP_TABLE syncwright_clock
DROP TABLE "syncwright_clock";

-- DROP_TABLE syncwright_replica_principals
DROP TABLE "syncwright_replica_principals";

-- DROP_TABLE syncwright_peers
DROP TABLE "syncwright_peers";

-- DROP_TABLE syncwright_conflicts
DROP TABLE "syncwright_conflicts";

-- DROP_TABLE syncwright_scope_tables
DROP TABLE "syncwright_scope_tables";

-- DROP_TABLE syncwright_scopes
DROP TABLE "syncwright_scopes";
