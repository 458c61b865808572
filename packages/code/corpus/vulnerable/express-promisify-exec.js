// expect: code/command-injection
const { promisify } = require('util');
const exec = promisify(require('child_process').exec);
const express = require('express');
const app = express();
app.get('/log', async (req, res) => {
  const { stdout } = await exec('git log --oneline ' + req.query.ref);
  res.type('text').send(stdout);
});
