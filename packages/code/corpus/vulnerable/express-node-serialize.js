// expect: code/unsafe-deserialization
const serialize = require('node-serialize');
app.get('/cart', (req, res) => {
  const cart = serialize.unserialize(Buffer.from(req.cookies.cart, 'base64').toString());
  res.json(cart);
});
