app.post('/schedule', (req, res) => {
  const job = String(req.body.job);
  setTimeout(() => runJob(job), 1000);
  res.status(202).end();
});
