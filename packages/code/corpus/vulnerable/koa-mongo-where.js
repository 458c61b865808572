// expect: code/nosql-injection
const Router = require('@koa/router');
const router = new Router();
router.get('/search', async (ctx) => {
  const expr = ctx.query.expr;
  ctx.body = await ctx.db
    .collection('items')
    .find({ $where: 'this.price < ' + expr })
    .toArray();
});
module.exports = router;
