// expect: code/path-traversal
const fs = require('fs');
const path = require('path');
const http = require('http');

function StaticServer(root) {
  this.root = root;
}
StaticServer.prototype = {
  serve: function (req, res) {
    this.send(res, path.join(this.root, decodeURIComponent(req.url)));
  },
  send: function (res, file) {
    fs.readFile(file, (error, data) => res.end(error ? 'not found' : data));
  },
};

const server = new StaticServer(__dirname);
http.createServer((req, res) => server.serve(req, res)).listen(8080);
