INSERT INTO places (id, addr) VALUES (1, ROW('Oslo', NULL)), (2, ROW(NULL, NULL));
