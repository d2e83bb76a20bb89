CREATE TABLE a (
  k int,
  a_val text NOT NULL
);

CREATE TABLE b (
  k int,
  b_val text NOT NULL
);
