-- Thing 1 has every value (an empty range, whose bounds are NULL); thing 2 has NULL everywhere.
INSERT INTO things (id, label, tags, span, doc) VALUES
  (1, 'first', '{1,2}', 'empty', '{"a": 1}'),
  (2, NULL, NULL, NULL, NULL);
