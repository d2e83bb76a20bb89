CREATE TABLE docs (
  id int PRIMARY KEY,
  data jsonb NOT NULL
);
