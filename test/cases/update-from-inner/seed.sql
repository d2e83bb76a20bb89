-- Ann is complete; Bob has NULL display_name and age; Cy has no posts.
INSERT INTO users (id, email, display_name, age) VALUES
  (1, 'ann@example.com', 'Ann', 34),
  (2, 'bob@example.com', NULL, NULL),
  (3, 'cy@example.com', 'Cy', 27);

-- Post 2 has no author (the NULL side of posts LEFT JOIN users); post 3 has a NULL body.
INSERT INTO posts (id, user_id, title, body) VALUES
  (1, 1, 'hello', 'first post'),
  (2, NULL, 'orphan', 'nobody wrote this'),
  (3, 2, 'second', NULL);

INSERT INTO tracked_posts (id, user_id, title) VALUES (1, 1, 'hello');
INSERT INTO labelled_posts (id, title) VALUES (1, 'hello');
