// expect: code/code-injection
app.post('/schedule', (req, res) => {
  setTimeout('runJob(' + req.body.job + ')', 1000);
  res.status(202).end();
});
