INSERT INTO notebooks (id, name) VALUES (1, 'work'), (2, 'empty');
INSERT INTO notes (id, notebook_id, title, tag, subtitle, remark) VALUES (1, 1, 'a', 't', 'sub', 'r'), (2, 1, 'b', 't', NULL, NULL);
