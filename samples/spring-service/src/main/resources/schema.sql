-- the service's own schema; Syncwright adds tracking to it on start (syncwright.provision-on-start)
CREATE TABLE IF NOT EXISTS products (
    id    bigint PRIMARY KEY,
    name  text NOT NULL,
    price numeric(10, 2) NOT NULL,
    stock integer NOT NULL DEFAULT 0
);
