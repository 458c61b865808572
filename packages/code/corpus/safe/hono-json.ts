import { Hono } from 'hono';

const app = new Hono();
app.get('/greet', (c) => {
  const name = c.req.query('name');
  return c.json({ greeting: `Hello ${name}` });
});
export default app;
