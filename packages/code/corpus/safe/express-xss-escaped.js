const express = require('express');
const escapeHtml = require('escape-html');
const app = express();
app.get('/search', (req, res) => {
  const term = req.query.q;
  res.send('<p>No results for ' + escapeHtml(term) + '</p>');
});
