-- Ann is complete; Bob has NULL display_name and age; Cy has no posts.
INSERT INTO users (id, email, display_name, age) VALUES
  (1, 'ann@example.com', 'Ann', 34),
  (2, 'bob@example.com', NULL, NULL),
  (3, 'cy@example.com', 'Cy', 27);

INSERT INTO categories (id, name) VALUES (1, 'news'), (2, 'empty');

-- Post 2 has no author; category 2 has no posts.
INSERT INTO posts (id, user_id, title, body, category_id) VALUES
  (1, 1, 'hello', 'first post', 1),
  (2, NULL, 'orphan', 'nobody wrote this', 1),
  (3, 2, 'second', NULL, 1);
