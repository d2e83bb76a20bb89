-- id 1 only on the left, id 3 only on the right, id 2 on both.
INSERT INTO left_items (id, left_name) VALUES (1, 'l1'), (2, 'l2');
INSERT INTO right_items (id, right_name) VALUES (2, 'r2'), (3, 'r3');
