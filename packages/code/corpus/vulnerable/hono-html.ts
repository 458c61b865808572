// expect: code/xss
import { Hono } from 'hono';

const app = new Hono();
app.get('/greet', (c) => {
  const name = c.req.query('name');
  return c.html(`<h1>Hello ${name}</h1>`);
});
export default app;
