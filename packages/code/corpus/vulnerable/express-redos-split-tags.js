// expect: code/redos
const express = require('express');

const app = express();

// `\s*` is retried from every position of a long run of spaces without a comma: quadratic
const TAG_SEPARATOR = /\s*,\s*/;

app.get('/articles', (req, res) => {
  const tags = String(req.query.tags || '').split(TAG_SEPARATOR);
  res.json(articles.filter((article) => tags.every((tag) => article.tags.includes(tag))));
});

module.exports = app;
