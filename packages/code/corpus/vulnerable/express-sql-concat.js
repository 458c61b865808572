// expect: code/sql-injection
const express = require('express');
const mysql = require('mysql2');
const app = express();
const connection = mysql.createConnection(process.env.DATABASE_URL);
app.get('/products', (req, res) => {
  const category = req.query.category;
  connection.query(`SELECT * FROM products WHERE category = '${category}'`, (err, rows) => {
    res.json(rows);
  });
});
