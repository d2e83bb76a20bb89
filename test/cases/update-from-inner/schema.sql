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

-- tracked_posts: a BEFORE UPDATE trigger clears user_id, whatever SET says.
CREATE TABLE tracked_posts (
  id int PRIMARY KEY,
  user_id int,
  title text NOT NULL
);
CREATE FUNCTION unlink_post() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.user_id := NULL; RETURN NEW; END $$;
CREATE TRIGGER tracked_posts_unlink BEFORE UPDATE ON tracked_posts FOR EACH ROW EXECUTE FUNCTION unlink_post();

-- labelled_posts: label is generated from title, so it changes when SET changes title.
CREATE TABLE labelled_posts (
  id int PRIMARY KEY,
  title text NOT NULL,
  label text GENERATED ALWAYS AS (nullif(title, 'HELLO')) STORED
);
