// expect: code/command-injection
const { execSync } = require('child_process');
const express = require('express');

class Archive {
  constructor(dir) {
    this.dir = dir;
  }
  get command() {
    return `tar czf - ${this.dir}`;
  }
  pack() {
    return execSync(this.command);
  }
}

const app = express();
app.get('/archive', (req, res) => {
  res.type('application/gzip').send(new Archive(req.query.dir).pack());
});
