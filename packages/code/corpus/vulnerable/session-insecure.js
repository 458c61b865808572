// expect: code/insecure-cookie
const session = require('express-session');
app.use(
  session({
    secret: process.env.SESSION_SECRET,
    cookie: { secure: false, maxAge: 3600000 },
  }),
);
