// expect: code/unsafe-deserialization
const yaml = require('js-yaml');
app.post('/import', (req, res) => {
  const data = yaml.load(req.body.document, { schema: yaml.DEFAULT_FULL_SCHEMA });
  res.json(data);
});
