-- A schema of the kind found in the field (a rental shop), with every feature the provider must carry.
-- Statements are separated by a line holding only ';;'.
CREATE EXTENSION IF NOT EXISTS citext
;;
CREATE TYPE rating AS ENUM ('G', 'PG', 'PG-13', 'R')
;;
CREATE DOMAIN release_year AS integer CHECK (VALUE BETWEEN 1888 AND 2100)
;;
-- outside the scope: film.language_id points here
CREATE TABLE language (id int PRIMARY KEY, name text NOT NULL)
;;
INSERT INTO language VALUES (1, 'English'), (2, 'French')
;;
-- references itself; a deleted parent leaves its children without one
CREATE TABLE category (id int PRIMARY KEY, name citext NOT NULL, parent_id int REFERENCES category (id) ON DELETE SET NULL)
;;
CREATE TABLE film (
  id int PRIMARY KEY,
  title text NOT NULL,
  rating rating NOT NULL DEFAULT 'G',
  year release_year,
  tags text[],
  length interval,
  language_id int NOT NULL DEFAULT 1 REFERENCES language (id),
  category_id int REFERENCES category (id) ON DELETE SET NULL,
  featured_actor_id int,
  last_update timestamptz NOT NULL DEFAULT now(),
  title_upper text GENERATED ALWAYS AS (upper(title)) STORED
)
;;
-- film and actor reference each other: a foreign-key cycle
CREATE TABLE actor (id int PRIMARY KEY, name text NOT NULL, favourite_film_id int REFERENCES film (id) ON DELETE SET NULL)
;;
ALTER TABLE film ADD CONSTRAINT film_featured_actor FOREIGN KEY (featured_actor_id) REFERENCES actor (id) ON DELETE SET NULL
;;
CREATE TABLE rental (
  id int NOT NULL,
  region text NOT NULL,
  film_id int NOT NULL REFERENCES film (id) ON DELETE CASCADE,
  rented_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, region)
) PARTITION BY LIST (region)
;;
CREATE TABLE rental_eu PARTITION OF rental FOR VALUES IN ('eu')
;;
CREATE TABLE rental_us PARTITION OF rental FOR VALUES IN ('us')
;;
-- written by the film table's own trigger
CREATE TABLE film_log (id serial PRIMARY KEY, film_id int NOT NULL, what text NOT NULL)
;;
CREATE FUNCTION film_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.last_update := now();
  RETURN NEW;
END $$
;;
CREATE TRIGGER film_touch BEFORE INSERT OR UPDATE ON film FOR EACH ROW EXECUTE FUNCTION film_touch()
;;
CREATE FUNCTION film_logged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO film_log (film_id, what) VALUES (NEW.id, 'added ' || NEW.title);
  RETURN NULL;
END $$
;;
CREATE TRIGGER film_logged AFTER INSERT ON film FOR EACH ROW EXECUTE FUNCTION film_logged()
;;
INSERT INTO category (id, name, parent_id) VALUES (1, 'Drama', NULL), (2, 'Comedy', NULL), (3, 'Satire', 2)
;;
INSERT INTO actor (id, name) VALUES (1, 'Penelope'), (2, 'Nick')
;;
INSERT INTO film (id, title, rating, year, tags, length, category_id, featured_actor_id)
VALUES (1, 'Academy Dinosaur', 'PG', 2006, '{"deleted scenes","behind the scenes"}', '1 hour 26 minutes', 1, 1),
       (2, 'Ace Goldfinger', 'G', 2006, '{trailers}', '48 minutes', 3, 2)
;;
UPDATE actor SET favourite_film_id = 1 WHERE id = 2
;;
INSERT INTO rental (id, region, film_id) VALUES (1, 'eu', 1), (2, 'us', 2)
