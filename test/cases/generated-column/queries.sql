-- Generated columns: nullable unless declared NOT NULL (a STORED expression over a nullable column yields NULL).

-- name: People :many
-- expect: id non-null, full_name nullable, name_length non-null
SELECT id, full_name, name_length FROM people;
