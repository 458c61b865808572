// expect: code/command-injection
const { exec } = require('child_process');
const express = require('express');
const app = express();

function lookup(host) {
  return new Promise((resolve) => {
    setTimeout(() => resolve(host.trim()), 10);
  });
}

app.get('/ping', (req, res) => {
  lookup(req.query.host).then((host) => {
    exec('ping -c 1 ' + host, (error, stdout) => res.send(stdout));
  });
});
