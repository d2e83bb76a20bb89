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
