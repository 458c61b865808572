import Fastify from 'fastify';
import Database from 'better-sqlite3';

const db = new Database('app.db');
const app = Fastify();

function byTitle(title: string) {
  return db.prepare('SELECT * FROM posts WHERE title LIKE ?').all(`%${title}%`);
}

app.get('/posts', async (request) => {
  const { q } = request.query as { q: string };
  return byTitle(q);
});
