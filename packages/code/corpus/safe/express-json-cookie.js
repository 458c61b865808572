app.get('/cart', (req, res) => {
  const cart = JSON.parse(Buffer.from(req.cookies.cart, 'base64').toString());
  res.json(cart);
});
