INSERT INTO docs (id, data) VALUES (1, '[1, null, "x"]');
