// expect: code/code-injection
const express = require('express');
const app = express();
app.get('/filter', (req, res) => {
  const predicate = new Function('item', 'return ' + req.query.expr);
  res.json(items.filter(predicate));
});
