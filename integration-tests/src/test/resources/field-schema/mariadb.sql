-- The same shop on MariaDB: ENUM and SET instead of enum types and arrays, ON UPDATE CURRENT_TIMESTAMP
-- instead of a touch trigger (MariaDB has no domains, arrays or partitioned tables with foreign keys).
-- Statements are separated by a line holding only ';;'.
CREATE TABLE language (id int PRIMARY KEY, name varchar(40) NOT NULL)
;;
INSERT INTO language VALUES (1, 'English'), (2, 'French')
;;
CREATE TABLE category (id int PRIMARY KEY, name varchar(40) NOT NULL, parent_id int,
  CONSTRAINT category_parent FOREIGN KEY (parent_id) REFERENCES category (id) ON DELETE SET NULL)
;;
CREATE TABLE film (
  id int PRIMARY KEY,
  title varchar(100) NOT NULL,
  rating ENUM('G', 'PG', 'PG-13', 'R') NOT NULL DEFAULT 'G',
  features SET('Trailers', 'Commentaries', 'Deleted Scenes', 'Behind the Scenes'),
  year YEAR,
  language_id int NOT NULL DEFAULT 1,
  category_id int,
  featured_actor_id int,
  last_update TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  title_upper varchar(100) AS (upper(title)) PERSISTENT,
  CONSTRAINT film_language FOREIGN KEY (language_id) REFERENCES language (id),
  CONSTRAINT film_category FOREIGN KEY (category_id) REFERENCES category (id) ON DELETE SET NULL
)
;;
CREATE TABLE actor (id int PRIMARY KEY, name varchar(60) NOT NULL, favourite_film_id int,
  CONSTRAINT actor_film FOREIGN KEY (favourite_film_id) REFERENCES film (id) ON DELETE SET NULL)
;;
ALTER TABLE film ADD CONSTRAINT film_featured_actor FOREIGN KEY (featured_actor_id) REFERENCES actor (id) ON DELETE SET NULL
;;
CREATE TABLE rental (id int PRIMARY KEY, film_id int NOT NULL, region varchar(8) NOT NULL,
  rented_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT rental_film FOREIGN KEY (film_id) REFERENCES film (id) ON DELETE CASCADE)
;;
CREATE TABLE film_log (id int AUTO_INCREMENT PRIMARY KEY, film_id int NOT NULL, what varchar(200) NOT NULL)
;;
CREATE TRIGGER film_logged AFTER INSERT ON film FOR EACH ROW INSERT INTO film_log (film_id, what) VALUES (NEW.id, CONCAT('added ', NEW.title))
;;
CREATE TRIGGER film_title_trim BEFORE UPDATE ON film FOR EACH ROW SET NEW.title = TRIM(NEW.title)
;;
INSERT INTO category (id, name, parent_id) VALUES (1, 'Drama', NULL), (2, 'Comedy', NULL), (3, 'Satire', 2)
;;
INSERT INTO actor (id, name) VALUES (1, 'Penelope'), (2, 'Nick')
;;
INSERT INTO film (id, title, rating, features, year, category_id, featured_actor_id)
VALUES (1, 'Academy Dinosaur', 'PG', 'Deleted Scenes,Behind the Scenes', 2006, 1, 1),
       (2, 'Ace Goldfinger', 'G', 'Trailers', 2006, 3, 2)
;;
UPDATE actor SET favourite_film_id = 1 WHERE id = 2
;;
INSERT INTO rental (id, film_id, region) VALUES (1, 1, 'eu'), (2, 2, 'us')
