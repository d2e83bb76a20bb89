INSERT INTO docs (id, data) VALUES (1, '{"a": {"b": "x"}, "n": null}'), (2, '{}');
