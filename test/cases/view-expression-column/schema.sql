-- users: email is NOT NULL; display_name and age allow NULL.
CREATE TABLE users (
  id int PRIMARY KEY,
  email text NOT NULL,
  display_name text,
  age int
);

CREATE VIEW user_labels AS
  SELECT id, upper(email) AS shout, coalesce(display_name, email) AS label, nullif(age, 34) AS odd_age FROM users;
