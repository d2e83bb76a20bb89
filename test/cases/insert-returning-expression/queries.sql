-- INSERT … RETURNING *, expressions: the star keeps NOT NULL; expressions follow the expression rules.

-- name: Insert :many
INSERT INTO users (id, email) VALUES (10, 'dee@example.com') RETURNING *, upper(email) AS shout, upper(display_name) AS shout_name;
