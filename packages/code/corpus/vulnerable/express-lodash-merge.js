// expect: code/prototype-pollution
const _ = require('lodash');
const defaults = { theme: 'light' };
app.put('/preferences', (req, res) => {
  const preferences = _.merge({}, defaults, req.body);
  res.json(preferences);
});
