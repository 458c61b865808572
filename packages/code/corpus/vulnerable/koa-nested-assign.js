// expect: code/prototype-pollution
module.exports = async function update(ctx) {
  const { group, key, value } = ctx.request.body;
  const config = ctx.state.config;
  config[group][key] = value;
  ctx.body = config;
};
