-- users: email is NOT NULL; display_name and age allow NULL.
CREATE TABLE users (
  id int PRIMARY KEY,
  email text NOT NULL,
  display_name text,
  age int
);
-- A user-defined aggregate whose state function returns NULL.
CREATE FUNCTION keep_null(state int, x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT NULL::int';
CREATE AGGREGATE nothing_agg(int) (SFUNC = keep_null, STYPE = int);
