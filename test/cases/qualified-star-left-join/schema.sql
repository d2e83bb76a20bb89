-- Distinct column names in both tables, so `SELECT *` over the join has no duplicates.
CREATE TABLE authors (
  author_id int PRIMARY KEY,
  author_name text NOT NULL,
  author_bio text
);

CREATE TABLE books (
  book_id int PRIMARY KEY,
  author_ref int REFERENCES authors (author_id),
  book_title text NOT NULL
);
