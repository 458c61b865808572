const { exec } = require('child_process');
function readBody(req) {
  return Promise.resolve(req.body);
}
app.post('/run', (req, res) => {
  readBody(req).then((body) => {
    if (!/^[a-z0-9_-]+$/.test(body.path)) return res.status(400).end();
    exec('tar czf backup.tgz ' + body.path);
    res.end();
  });
});
