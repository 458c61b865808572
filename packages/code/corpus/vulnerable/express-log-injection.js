// expect: code/log-injection
const logger = require('./logger');
app.post('/login', (req, res) => {
  logger.info(`failed login for ${req.body.username}`);
  res.status(401).end();
});
