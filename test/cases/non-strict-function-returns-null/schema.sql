-- users: email is NOT NULL; display_name and age allow NULL.
CREATE TABLE users (
  id int PRIMARY KEY,
  email text NOT NULL,
  display_name text,
  age int
);

CREATE FUNCTION nothing_for(x int) RETURNS int LANGUAGE sql CALLED ON NULL INPUT IMMUTABLE AS 'SELECT NULL::int';
