app.get('/logout', (req, res) => {
  req.session.destroy(() =>
    res.redirect('/goodbye?from=' + encodeURIComponent(req.query.returnTo)),
  );
});
