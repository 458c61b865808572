// expect: code/prototype-pollution
const Router = require('@koa/router');
const router = new Router();
const config = {};

function setPath(object, path, value) {
  const keys = path.split('.');
  const last = keys.pop();
  const parent = keys.reduce((node, key) => (node[key] ??= {}), object);
  parent[last] = value;
}

router.post('/config', (ctx) => {
  setPath(config, ctx.request.body.path, ctx.request.body.value);
  ctx.status = 204;
});
module.exports = router;
