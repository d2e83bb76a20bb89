-- users: email is NOT NULL; display_name and age allow NULL.
CREATE TABLE users (
  id int PRIMARY KEY,
  email text NOT NULL,
  display_name text,
  age int
);

CREATE VIEW v1 AS SELECT id, email, display_name FROM users;
CREATE VIEW v2 AS SELECT id, email, display_name FROM v1 WHERE id > 0;
