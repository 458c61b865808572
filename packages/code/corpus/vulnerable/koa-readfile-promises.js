// expect: code/path-traversal
const fs = require('fs/promises');
const Router = require('@koa/router');
const router = new Router();
router.get('/docs', async (ctx) => {
  ctx.body = await fs.readFile('./docs/' + ctx.query.page, 'utf8');
});
module.exports = router;
