-- users: email is NOT NULL; display_name and age allow NULL.
CREATE TABLE users (
  id int PRIMARY KEY,
  email text NOT NULL,
  display_name text,
  age int
);

-- STRICT, yet returns NULL for the non-null input 1.
CREATE FUNCTION null_for_one(x int) RETURNS int LANGUAGE sql STRICT IMMUTABLE AS 'SELECT nullif(x, 1)';
