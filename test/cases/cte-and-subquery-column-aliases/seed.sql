-- Ann is complete; Bob has NULL display_name and age; Cy has no posts.
INSERT INTO users (id, email, display_name, age) VALUES
  (1, 'ann@example.com', 'Ann', 34),
  (2, 'bob@example.com', NULL, NULL),
  (3, 'cy@example.com', 'Cy', 27);
