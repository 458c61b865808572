// expect: code/command-injection
const { exec } = require('child_process');
const express = require('express');
const app = express();
app.post('/convert', (req, res) => {
  const { file, format } = req.body;
  exec(`convert uploads/${file} out.${format}`, (error) => {
    res.json({ ok: !error });
  });
});
