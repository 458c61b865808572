const Router = require('@koa/router');
const router = new Router();
// nested Maps: keys are entries, never properties, so no key reaches Object.prototype
const config = new Map();

function setPath(root, path, value) {
  const keys = path.split('.');
  const last = keys.pop();
  const parent = keys.reduce((node, key) => {
    if (!node.has(key)) node.set(key, new Map());
    return node.get(key);
  }, root);
  parent.set(last, value);
}

router.post('/config', (ctx) => {
  setPath(config, ctx.request.body.path, ctx.request.body.value);
  ctx.status = 204;
});
module.exports = router;
