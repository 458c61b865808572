const express = require('express');

const app = express();
app.use(express.json());

// each dot must be followed by a word, so there is one way to match any input
const EMAIL = /^[a-zA-Z0-9_-]+(?:\.[a-zA-Z0-9_-]+)*@(?:[a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}$/;

app.post('/signup', (req, res) => {
  const email = String(req.body.email).toLowerCase();
  if (!EMAIL.test(email)) return res.status(400).json({ error: 'invalid email' });
  res.status(201).end();
});

module.exports = app;
