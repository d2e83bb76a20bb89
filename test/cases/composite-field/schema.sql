CREATE TYPE address AS (city text, zip text);

CREATE TABLE places (
  id int PRIMARY KEY,
  addr address NOT NULL
);
