-- users: email is NOT NULL; display_name and age allow NULL.
CREATE TABLE users (
  id int PRIMARY KEY,
  email text NOT NULL,
  display_name text,
  age int
);

-- text = int, CALLED ON NULL INPUT, always true.
CREATE FUNCTION loose_eq(l text, r int) RETURNS boolean LANGUAGE sql IMMUTABLE CALLED ON NULL INPUT AS 'SELECT true';
CREATE OPERATOR = (LEFTARG = text, RIGHTARG = int, FUNCTION = loose_eq);
