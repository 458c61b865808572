const { promisify } = require('util');
const execFile = promisify(require('child_process').execFile);
const express = require('express');
const app = express();
app.get('/log', async (req, res) => {
  const { stdout } = await execFile('git', ['log', '--oneline', String(req.query.ref)]);
  res.type('text').send(stdout);
});
