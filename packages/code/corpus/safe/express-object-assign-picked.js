const defaults = { theme: 'light' };
app.put('/preferences', (req, res) => {
  const preferences = Object.assign({}, defaults, { theme: String(req.body.theme) });
  res.json(preferences);
});
