import Fastify from 'fastify';
import { spawn } from 'node:child_process';

const app = Fastify();
app.post('/build', async (request, reply) => {
  const { branch } = request.body as { branch: string };
  const child = spawn('git', ['checkout', '--', branch]);
  reply.send({ pid: child.pid });
});
