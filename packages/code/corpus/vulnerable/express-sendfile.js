// expect: code/path-traversal
const express = require('express');
const path = require('path');
const app = express();
app.get('/download/:name', (req, res) => {
  res.sendFile(path.join(__dirname, 'public', req.params.name));
});
