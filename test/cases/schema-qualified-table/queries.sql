-- Columns of a schema-qualified table (outside public) keep their NOT NULL.

-- name: Accounts :many
-- expect: id non-null, name non-null, note nullable
SELECT a.id, a.name, a.note FROM app.accounts a;

-- name: AccountsUnqualified :many
-- expect: id non-null, name non-null, note nullable
SELECT id, name, note FROM app.accounts;
