INSERT INTO events (id, kind, detail) VALUES (1, 'click', 'button'), (2, 'view', NULL);
