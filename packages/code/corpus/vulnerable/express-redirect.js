// expect: code/open-redirect
app.get('/logout', (req, res) => {
  req.session.destroy(() => res.redirect(req.query.returnTo));
});
