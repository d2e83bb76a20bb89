INSERT INTO bookings (id, label, during) VALUES (1, 'Room', '[1,5)'), (2, 'Hall', 'empty'), (3, 'Yard', '(,10)');
