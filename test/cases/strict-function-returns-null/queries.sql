-- Strictness only says NULL in → NULL out: these strict functions return NULL for non-null arguments.
-- A rule "strict function of non-null args is non-null" is UNSAFE for them.

-- name: NullsFromStrict :many
-- expect: no_upper nullable, no_match nullable, no_match_array nullable, no_key nullable, user_defined nullable
SELECT array_upper('{}'::int[], 1) AS no_upper,
       substring(email from 'zzz') AS no_match,
       regexp_match(email, 'zzz') AS no_match_array,
       jsonb_extract_path_text('{}'::jsonb, 'a') AS no_key,
       null_for_one(id) AS user_defined
FROM users;
