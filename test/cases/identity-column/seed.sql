INSERT INTO tickets (label) VALUES ('first'), (NULL);
