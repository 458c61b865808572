const { execFileSync } = require('child_process');
const express = require('express');

class Archive {
  constructor(dir) {
    this.dir = dir;
    this.tool = 'tar';
  }
  pack() {
    return execFileSync(this.tool, ['czf', '-', '--', this.dir]);
  }
}

const app = express();
app.get('/archive', (req, res) => {
  res.type('application/gzip').send(new Archive(req.query.dir).pack());
});
