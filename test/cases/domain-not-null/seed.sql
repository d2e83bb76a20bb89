INSERT INTO notebooks (id, name) VALUES (1, 'work'), (2, 'empty');
INSERT INTO notes (id, notebook_id, title, tag, subtitle) VALUES (1, 1, 'a', 't', 'sub'), (2, 1, 'b', 't', NULL);
