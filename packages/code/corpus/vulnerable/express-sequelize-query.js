// expect: code/sql-injection
const { Sequelize } = require('sequelize');
const sequelize = new Sequelize(process.env.DATABASE_URL);
module.exports = function register(app) {
  app.post('/report', async (req, res) => {
    const where = req.body.filter;
    const [rows] = await sequelize.query('SELECT * FROM sales WHERE ' + where);
    res.json(rows);
  });
};
