INSERT INTO authors (author_id, author_name, author_bio) VALUES (1, 'Ann', NULL), (2, 'Bob', 'bio');
-- Book 2 has no author: every authors column is NULL for it in a LEFT JOIN.
INSERT INTO books (book_id, author_ref, book_title) VALUES (1, 1, 'One'), (2, NULL, 'Two');
