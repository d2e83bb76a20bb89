-- users: email is NOT NULL; display_name and age allow NULL.
CREATE TABLE users (
  id int PRIMARY KEY,
  email text NOT NULL,
  display_name text,
  age int
);

-- posts: user_id allows NULL (a post may have no author); body allows NULL.
CREATE TABLE posts (
  id int PRIMARY KEY,
  user_id int REFERENCES users (id),
  title text NOT NULL,
  body text
);

CREATE MATERIALIZED VIEW post_authors AS
  SELECT p.id, p.title, u.email FROM posts p LEFT JOIN users u ON u.id = p.user_id;
