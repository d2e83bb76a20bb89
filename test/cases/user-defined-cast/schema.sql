-- users: email is NOT NULL; display_name and age allow NULL.
CREATE TABLE users (
  id int PRIMARY KEY,
  email text NOT NULL,
  display_name text,
  age int
);

CREATE TYPE pair AS (a int, b int);

-- Called for every non-null int, yet returns NULL.
CREATE FUNCTION int_to_pair(x int) RETURNS pair LANGUAGE sql IMMUTABLE AS 'SELECT NULL::pair';
CREATE CAST (int AS pair) WITH FUNCTION int_to_pair(int);
