const yaml = require('js-yaml');
app.post('/import', (req, res) => {
  const data = yaml.load(req.body.document);
  res.json(data);
});
