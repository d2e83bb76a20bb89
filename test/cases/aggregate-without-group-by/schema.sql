-- users: email is NOT NULL; display_name and age allow NULL.
CREATE TABLE users (
  id int PRIMARY KEY,
  email text NOT NULL,
  display_name text,
  age int
);

-- drafts stays EMPTY: aggregates without GROUP BY over it return one row of NULLs.
CREATE TABLE drafts (
  id int PRIMARY KEY,
  score int NOT NULL,
  note text
);
