-- `t.*` expands one range entry: `b.*` keeps NOT NULL, `a.*` on the null side of a LEFT JOIN is nullable.

-- name: BookStar :many
-- expect: book_id non-null, author_ref nullable, book_title non-null, author_name nullable
SELECT b.*, a.author_name FROM books b LEFT JOIN authors a ON a.author_id = b.author_ref;

-- name: AuthorStar :many
-- expect: book_title non-null, author_id nullable, author_name nullable, author_bio nullable
SELECT b.book_title, a.* FROM books b LEFT JOIN authors a ON a.author_id = b.author_ref;
