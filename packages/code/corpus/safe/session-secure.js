const session = require('express-session');
app.use(
  session({
    secret: process.env.SESSION_SECRET,
    cookie: { secure: true, httpOnly: true, sameSite: 'strict', maxAge: 3600000 },
  }),
);
