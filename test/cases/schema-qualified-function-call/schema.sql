-- users: email is NOT NULL; display_name and age allow NULL.
CREATE TABLE users (
  id int PRIMARY KEY,
  email text NOT NULL,
  display_name text,
  age int
);
-- util.upper shadows nothing on the search_path, but shares the name of pg_catalog.upper.
CREATE SCHEMA util;
CREATE FUNCTION util.upper(x text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT NULL::text';
