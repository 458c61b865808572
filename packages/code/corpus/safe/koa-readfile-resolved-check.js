const fs = require('fs/promises');
const path = require('path');
const Router = require('@koa/router');
const router = new Router();
const ROOT = path.resolve('./docs');
router.get('/docs', async (ctx) => {
  const full = path.resolve(ROOT, ctx.query.page);
  if (!full.startsWith(ROOT + path.sep)) ctx.throw(400);
  ctx.body = await fs.readFile(full, 'utf8');
});
module.exports = router;
