const Koa = require('koa');
const Router = require('@koa/router');
const knex = require('knex')({ client: 'pg' });
const router = new Router();
router.get('/orders', async (ctx) => {
  const status = ctx.query.status;
  ctx.body = await knex.raw('SELECT * FROM orders WHERE status = ?', [status]);
});
new Koa().use(router.routes()).listen(3000);
