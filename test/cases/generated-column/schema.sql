CREATE TABLE people (
  id int PRIMARY KEY,
  first_name text NOT NULL,
  last_name text,
  full_name text GENERATED ALWAYS AS (first_name || ' ' || last_name) STORED,
  name_length int NOT NULL GENERATED ALWAYS AS (length(first_name)) STORED
);
