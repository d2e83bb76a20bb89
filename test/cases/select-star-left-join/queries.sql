-- `SELECT *` over a LEFT JOIN: the right-hand table's columns are nullable, the left's keep NOT NULL.

-- name: BooksWithAuthors :many
SELECT * FROM books b LEFT JOIN authors a ON a.author_id = b.author_ref;
