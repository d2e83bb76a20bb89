/** The small project the check tests prepare: two tables, three queries in two files (one nested). */
export const INIT_MIGRATION = [
  'CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, nickname text);',
  'CREATE TABLE pets (id int PRIMARY KEY, owner_id int REFERENCES people (id), name text NOT NULL);',
  '',
].join('\n');

export const PROJECT_FILES = {
  'migrations/0001_init.sql': INIT_MIGRATION,
  'queries/people.sql': [
    '-- name: GetPerson :maybe',
    'SELECT id, name, nickname FROM people WHERE id = :id!;',
    '',
    '-- name: ListPeople :many',
    'SELECT id, name FROM people ORDER BY id;',
    '',
  ].join('\n'),
  'queries/more/pets.sql': ['-- name: PetsWithOwners :many', 'SELECT p.name, o.name AS owner FROM pets p LEFT JOIN people o ON o.id = p.owner_id;', ''].join('\n'),
};
