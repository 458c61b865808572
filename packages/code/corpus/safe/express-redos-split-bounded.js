const express = require('express');

const app = express();

const TAG_SEPARATOR = /\s*,\s*/;

app.get('/articles', (req, res) => {
  const raw = String(req.query.tags || '');
  // a short list of tags: at most 200 characters reach the pattern
  if (raw.length > 200) return res.status(400).json({ error: 'too many tags' });
  const tags = raw.split(TAG_SEPARATOR);
  const names = raw.split(',').map((tag) => tag.trim());
  res.json({ tags, names });
});

module.exports = app;
