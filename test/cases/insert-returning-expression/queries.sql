-- INSERT … RETURNING *, expressions: the star keeps NOT NULL; expressions follow the expression rules.

-- name: Insert :many
-- expect: id non-null, email non-null, display_name nullable, age nullable, shout non-null, shout_name nullable
INSERT INTO users (id, email) VALUES (10, 'dee@example.com') RETURNING *, upper(email) AS shout, upper(display_name) AS shout_name;
