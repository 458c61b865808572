module.exports = async function calculate(ctx) {
  const a = Number(ctx.request.body.a);
  const b = Number(ctx.request.body.b);
  ctx.body = { result: a + b };
};
