// expect: code/xss
const express = require('express');
const app = express();
app.get('/search', (req, res) => {
  const term = req.query.q;
  res.send('<p>No results for ' + term + '</p>');
});
