-- A field of a NOT NULL composite column is nullable (the composite's fields may be NULL); ROW(…) is non-null.

-- name: Addresses :many
SELECT id, addr, (addr).city AS city, (addr).zip AS zip, ROW(id, (addr).zip)::text AS packed FROM places;
