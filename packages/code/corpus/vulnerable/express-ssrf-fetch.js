// expect: code/ssrf
app.get('/preview', async (req, res) => {
  const response = await fetch(req.query.url);
  res.type('text/plain').send(await response.text());
});
