// expect: code/sql-injection
app.get('/bulk', async (req, res) => {
  const ids = req.query.ids.split(',');
  const list = ids.map((id) => `'${id}'`).join(',');
  res.json(await db.query('SELECT * FROM items WHERE id IN (' + list + ')'));
});
