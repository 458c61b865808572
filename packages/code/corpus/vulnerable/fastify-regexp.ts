// expect: code/regex-injection
import Fastify from 'fastify';

const app = Fastify();
app.get('/users', async (request) => {
  const { name } = request.query as { name: string };
  const matcher = new RegExp('^' + name);
  return users.filter((user) => matcher.test(user.name));
});
