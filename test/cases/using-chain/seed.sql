INSERT INTO left_items (id, left_name) VALUES (1, 'l1'), (2, 'l2');
INSERT INTO right_items (id, right_name) VALUES (2, 'r2'), (3, 'r3');
-- id 4 exists only in extra_items: everything from the first join is NULL for it.
INSERT INTO extra_items (id, extra_name) VALUES (1, 'x1'), (2, 'x2'), (4, 'x4');
