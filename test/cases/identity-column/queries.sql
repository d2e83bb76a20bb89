-- An identity column is implicitly NOT NULL.

-- name: Tickets :many
SELECT id, serial_no, label FROM tickets;
