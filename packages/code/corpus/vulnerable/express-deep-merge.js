// expect: code/prototype-pollution
const express = require('express');
const app = express();
app.use(express.json());
const preferences = {};

function deepMerge(target, source) {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value && typeof value === 'object') {
      deepMerge((target[key] ??= {}), value);
    } else {
      target[key] = value;
    }
  }
  return target;
}

app.put('/preferences', (req, res) => {
  res.json(deepMerge(preferences, req.body));
});
