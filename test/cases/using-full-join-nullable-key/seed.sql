-- A NULL key never matches, so it comes out merged as NULL.
INSERT INTO a (k, a_val) VALUES (1, 'a1'), (NULL, 'a-null');
INSERT INTO b (k, b_val) VALUES (1, 'b1'), (2, 'b2');
