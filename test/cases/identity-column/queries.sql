-- An identity column is implicitly NOT NULL.

-- name: Tickets :many
-- expect: id non-null, serial_no non-null, label nullable
SELECT id, serial_no, label FROM tickets;
