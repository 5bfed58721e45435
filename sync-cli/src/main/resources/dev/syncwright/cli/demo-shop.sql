-- The shop schema of 'syncwright demo', created on the embedded PostgreSQL server (DemoShop).
-- The client's tables are created from the server's scope definition, not from this file.
CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL,
    email VARCHAR(200) NOT NULL, city VARCHAR(100));
CREATE TABLE products (id BIGINT PRIMARY KEY, sku VARCHAR(20) NOT NULL UNIQUE,
    name VARCHAR(100) NOT NULL, price NUMERIC(10,2) NOT NULL);
CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL REFERENCES customers(id),
    ordered_on DATE NOT NULL, status VARCHAR(20) NOT NULL);
CREATE TABLE order_lines (order_id BIGINT NOT NULL REFERENCES orders(id), line_no INTEGER NOT NULL,
    product_id BIGINT NOT NULL REFERENCES products(id), quantity INTEGER NOT NULL,
    unit_price NUMERIC(10,2) NOT NULL, PRIMARY KEY (order_id, line_no));
