INSERT INTO flags (id, active) VALUES (1, true), (2, false), (3, NULL);
