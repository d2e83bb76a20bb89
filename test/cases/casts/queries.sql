-- Casts (::, CAST, COLLATE) keep the nullability of their argument.

-- name: Cast :many
SELECT id::text AS id_text, CAST(email AS varchar(64)) AS email_v, email COLLATE "C" AS email_c,
       display_name::varchar AS name_v, CAST(age AS bigint) AS age_big
FROM users;
