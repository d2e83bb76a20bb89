-- tags is a NOT NULL array that may be empty or hold NULL elements.
CREATE TABLE articles (
  id int PRIMARY KEY,
  title text NOT NULL,
  tags text[] NOT NULL
);

-- A user-defined set-returning operator: a ~~~ b yields a, a+1, …, b.
CREATE FUNCTION upto(a int, b int) RETURNS SETOF int LANGUAGE sql IMMUTABLE AS 'SELECT generate_series(a, b)';
CREATE OPERATOR ~~~ (LEFTARG = int, RIGHTARG = int, FUNCTION = upto);
