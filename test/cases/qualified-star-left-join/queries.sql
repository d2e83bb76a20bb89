-- `t.*` expands one range entry: `b.*` keeps NOT NULL, `a.*` on the null side of a LEFT JOIN is nullable.

-- name: BookStar :many
SELECT b.*, a.author_name FROM books b LEFT JOIN authors a ON a.author_id = b.author_ref;

-- name: AuthorStar :many
SELECT b.book_title, a.* FROM books b LEFT JOIN authors a ON a.author_id = b.author_ref;
