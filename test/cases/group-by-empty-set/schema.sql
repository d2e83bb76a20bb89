-- drafts stays EMPTY: aggregates without GROUP BY over it return one row of NULLs.
CREATE TABLE drafts (
  id int PRIMARY KEY,
  score int NOT NULL,
  note text
);
