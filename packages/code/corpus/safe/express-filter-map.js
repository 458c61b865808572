const express = require('express');
const app = express();
const PREDICATES = { cheap: (item) => item.price < 10, new: (item) => item.isNew };
app.get('/filter', (req, res) => {
  const predicate = PREDICATES[req.query.kind] ?? (() => true);
  res.json(items.filter(predicate));
});
