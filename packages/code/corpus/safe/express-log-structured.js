const logger = require('./logger');
app.post('/login', (req, res) => {
  logger.info({ username: req.body.username }, 'failed login');
  res.status(401).end();
});
