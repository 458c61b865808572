// expect: code/code-injection
const vm = require('vm');
module.exports = async function calculate(ctx) {
  ctx.body = { result: vm.runInNewContext(ctx.request.body.formula, { Math }) };
};
