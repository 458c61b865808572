const { execFile } = require('child_process');
const express = require('express');
const app = express();
const FORMATS = ['png', 'jpg', 'webp'];
app.post('/convert', (req, res) => {
  const { file, format } = req.body;
  if (!FORMATS.includes(format)) return res.status(400).end();
  execFile('convert', ['uploads/' + file, 'out.' + format], (error) => {
    res.json({ ok: !error });
  });
});
