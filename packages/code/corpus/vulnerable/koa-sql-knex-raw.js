// expect: code/sql-injection
const Koa = require('koa');
const Router = require('@koa/router');
const knex = require('knex')({ client: 'pg' });
const router = new Router();
router.get('/orders', async (ctx) => {
  const sort = ctx.query.sort;
  ctx.body = await knex.raw('SELECT * FROM orders ORDER BY ' + sort);
});
new Koa().use(router.routes()).listen(3000);
