-- tags is a NOT NULL array that may be empty or hold NULL elements.
CREATE TABLE articles (
  id int PRIMARY KEY,
  title text NOT NULL,
  tags text[] NOT NULL
);
