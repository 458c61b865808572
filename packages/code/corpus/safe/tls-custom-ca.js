const https = require('https');
const fs = require('fs');
module.exports = new https.Agent({ ca: fs.readFileSync('/etc/ssl/internal-ca.pem') });
