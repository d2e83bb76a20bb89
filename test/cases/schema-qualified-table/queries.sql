-- Columns of a schema-qualified table (outside public) keep their NOT NULL.

-- name: Accounts :many
SELECT a.id, a.name, a.note FROM app.accounts a;

-- name: AccountsUnqualified :many
SELECT id, name, note FROM app.accounts;
