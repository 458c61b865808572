const cors = require('cors');
app.use(
  cors({ origin: ['https://app.example.com', 'https://admin.example.com'], credentials: true }),
);
