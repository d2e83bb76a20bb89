-- Generated columns: nullable unless declared NOT NULL (a STORED expression over a nullable column yields NULL).

-- name: People :many
SELECT id, full_name, name_length FROM people;
