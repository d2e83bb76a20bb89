INSERT INTO people (id, first_name, last_name) VALUES (1, 'Ann', 'Lee'), (2, 'Bob', NULL);
