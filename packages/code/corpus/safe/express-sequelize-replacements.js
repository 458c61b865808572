const { Sequelize } = require('sequelize');
const sequelize = new Sequelize(process.env.DATABASE_URL);
module.exports = function register(app) {
  app.post('/report', async (req, res) => {
    const region = req.body.region;
    const [rows] = await sequelize.query('SELECT * FROM sales WHERE region = :region', {
      replacements: { region },
    });
    res.json(rows);
  });
};
