INSERT INTO articles (id, title, tags) VALUES
  (1, 'tagged', '{sql,pg}'),
  (2, 'untagged', '{}'),
  (3, 'odd', '{x,NULL}');
