app.get('/preview', async (req, res) => {
  const response = await fetch(
    `https://images.example.com/thumbs/${encodeURIComponent(req.query.id)}`,
  );
  res.type('text/plain').send(await response.text());
});
