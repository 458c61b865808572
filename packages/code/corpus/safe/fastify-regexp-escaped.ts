import Fastify from 'fastify';
import escapeStringRegexp from 'escape-string-regexp';

const app = Fastify();
app.get('/users', async (request) => {
  const { name } = request.query as { name: string };
  const matcher = new RegExp('^' + escapeStringRegexp(name));
  return users.filter((user) => matcher.test(user.name));
});
