-- A field of a NOT NULL composite column is nullable (the composite's fields may be NULL). A ROW(…) value is never NULL,
-- but the engine calls a row with a nullable field nullable (comparisons of it are NULL), so `packed` is over-nullable.

-- name: Addresses :many
-- expect: id non-null, addr non-null, city nullable, zip nullable, packed over-nullable (reason: never NULL — ROW(…)::text of a row with a NULL field is text like (1,); the engine treats a row with a nullable field as nullable so that comparisons of it stay sound)
SELECT id, addr, (addr).city AS city, (addr).zip AS zip, ROW(id, (addr).zip)::text AS packed FROM places;
