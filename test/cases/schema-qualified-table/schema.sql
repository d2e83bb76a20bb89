CREATE SCHEMA app;

CREATE TABLE app.accounts (
  id int PRIMARY KEY,
  name text NOT NULL,
  note text
);
