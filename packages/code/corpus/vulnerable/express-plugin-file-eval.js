// expect: code/code-injection
const fs = require('fs');
const path = require('path');
const express = require('express');
const app = express();
app.post('/plugins/run', (req, res) => {
  const source = fs.readFileSync(path.join(__dirname, 'plugins', req.body.plugin), 'utf8');
  res.json({ result: (0, eval)(source) });
});
