-- active is a nullable boolean: true, false and NULL all occur.
CREATE TABLE flags (
  id int PRIMARY KEY,
  active boolean
);
