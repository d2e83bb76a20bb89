-- Casts (::, CAST, COLLATE) keep the nullability of their argument.

-- name: Cast :many
-- expect: id_text non-null, email_v non-null, email_c non-null, name_v nullable, age_big nullable
SELECT id::text AS id_text, CAST(email AS varchar(64)) AS email_v, email COLLATE "C" AS email_c,
       display_name::varchar AS name_v, CAST(age AS bigint) AS age_big
FROM users;
