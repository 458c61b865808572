const Router = require('@koa/router');
const router = new Router();
router.get('/search', async (ctx) => {
  const max = Number(ctx.query.max);
  ctx.body = await ctx.db
    .collection('items')
    .find({ price: { $lt: max } })
    .toArray();
});
module.exports = router;
