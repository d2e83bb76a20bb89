-- things: label, tags, span and doc allow NULL; counter is a sequence for nextval/currval/setval.
CREATE SEQUENCE counter;
CREATE TABLE things (
  id int PRIMARY KEY,
  label text,
  tags int[],
  span int4range,
  doc jsonb
);
