-- Two tables sharing the key column name "id" (for USING / NATURAL joins).
CREATE TABLE left_items (
  id int PRIMARY KEY,
  left_name text NOT NULL
);

CREATE TABLE right_items (
  id int PRIMARY KEY,
  right_name text NOT NULL
);
