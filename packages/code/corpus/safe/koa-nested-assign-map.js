module.exports = async function update(ctx) {
  const { group, key, value } = ctx.request.body;
  const config = ctx.state.config;
  if (!['ui', 'mail'].includes(group)) ctx.throw(400);
  config[group][key] = value;
  ctx.body = config;
};
