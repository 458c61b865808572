// The deliberately vulnerable SQL of the evaluation app, shared with the evaluation's oracle
// (scripts/eval-rasp.mjs) so both build exactly the same text. Each context concatenates the
// user's text into a different place of a query, as real code does.
'use strict';

const SCHEMA = `
  CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT NOT NULL);
  INSERT INTO users (name, city) VALUES
    ('alice', 'Lyon'), ('bob', 'Oslo'), ('O''Brien', 'Cork'), ('zoe', 'Athens');
  CREATE TABLE secrets (id INTEGER PRIMARY KEY, value TEXT NOT NULL);
  INSERT INTO secrets (value) VALUES ('s3cr3t-api-key');
`;

/** How each route puts the input into its query, and how the input should have been quoted. */
const SQL_CONTEXTS = {
  /** `WHERE name = '<input>'`: a string literal. */
  string: {
    query: (input) => `SELECT id, name, city FROM users WHERE name = '${input}'`,
    quoted: (input) =>
      `SELECT id, name, city FROM users WHERE name = '${input.replaceAll("'", "''")}'`,
  },
  /** `WHERE id = <input>`: a number. */
  numeric: {
    query: (input) => `SELECT id, name, city FROM users WHERE id = ${input}`,
    quoted: undefined,
  },
  /** `ORDER BY <input>`: a column name chosen by the client. */
  order: {
    query: (input) => `SELECT id, name, city FROM users ORDER BY ${input}`,
    quoted: (input) => `SELECT id, name, city FROM users ORDER BY "${input.replaceAll('"', '""')}"`,
  },
  /** `WHERE name LIKE '%<input>%'`: a search box. */
  like: {
    query: (input) => `SELECT id, name, city FROM users WHERE name LIKE '%${input}%'`,
    quoted: (input) =>
      `SELECT id, name, city FROM users WHERE name LIKE '%${input.replaceAll("'", "''")}%'`,
  },
};

module.exports = { SCHEMA, SQL_CONTEXTS };
