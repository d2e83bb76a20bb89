INSERT INTO app.accounts (id, name, note) VALUES (1, 'main', 'hi'), (2, 'spare', NULL);
