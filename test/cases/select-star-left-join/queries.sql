-- `SELECT *` over a LEFT JOIN: the right-hand table's columns are nullable, the left's keep NOT NULL.

-- name: BooksWithAuthors :many
-- expect: book_id non-null, author_ref nullable, book_title non-null, author_id nullable, author_name nullable, author_bio nullable
SELECT * FROM books b LEFT JOIN authors a ON a.author_id = b.author_ref;
