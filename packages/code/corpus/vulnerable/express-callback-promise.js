// expect: code/command-injection
const { exec } = require('child_process');
function readBody(req) {
  return Promise.resolve(req.body);
}
app.post('/run', (req, res) => {
  readBody(req).then((body) => {
    exec('tar czf backup.tgz ' + body.path);
    res.end();
  });
});
