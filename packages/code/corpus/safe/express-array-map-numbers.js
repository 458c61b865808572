app.get('/bulk', async (req, res) => {
  const ids = req.query.ids.split(',').map((id) => parseInt(id, 10));
  const placeholders = ids.map((_, i) => '$' + (i + 1)).join(',');
  res.json(await db.query('SELECT * FROM items WHERE id IN (' + placeholders + ')', ids));
});
