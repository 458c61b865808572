import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingLines } from '../findingLines.test.support.js';
import { scanFileSet } from '../scanFileSet.js';

// Library mode (`--sources exports`): how untrusted parameters of a package's API reach sinks
// through the shapes packages are written in. Each pattern has a vulnerable and a safe variant.

async function library(files: Record<string, string>): Promise<string[]> {
  const { findings, warnings } = await scanFileSet(files, { sources: 'exports' });
  assert.deepEqual(warnings, []);
  return findingLines(findings);
}

const lines = (...text: string[]): string => text.join('\n');

test('a closure reaching a sink with its enclosing function’s parameter', async () => {
  const vulnerable = lines(
    "const { execSync } = require('child_process');",
    'function publish(dir, remote) {',
    '  function clone() {',
    "    return Promise.resolve().then(() => execSync('git clone ' + remote + ' ' + dir));",
    '  }',
    '  return clone();',
    '}',
    'exports.publish = publish;',
  );
  assert.deepEqual(await library({ 'index.js': vulnerable }), [
    'code/command-injection index.js:4',
  ]);
  const safe = vulnerable.replace("'git clone ' + remote + ' ' + dir", "'git status'");
  assert.deepEqual(await library({ 'index.js': safe }), []);
});

test('classes: this.x set in the constructor is read in a method, a getter and a subclass', async () => {
  const vulnerable = lines(
    "const childProcess = require('child_process');",
    'class Scanner {',
    '  constructor(options) { this.options = options; }',
    '  get command() { return this.options.binary + " " + this.options.args; }',
    '  scan(callback) { childProcess.exec(this.command, callback); }',
    '}',
    'class FastScanner extends Scanner {',
    '  constructor(options) { super(options); }',
    '  fast() { childProcess.execSync(this.options.binary + " --fast"); }',
    '}',
    'module.exports = { Scanner, FastScanner };',
  );
  assert.deepEqual(await library({ 'index.js': vulnerable }), [
    'code/command-injection index.js:5',
    'code/command-injection index.js:9',
  ]);
  const safe = lines(
    "const childProcess = require('child_process');",
    'class Scanner {',
    "  constructor(options) { this.options = options; this.binary = '/usr/bin/scan'; }",
    '  scan(callback) { childProcess.execFile(this.binary, [this.options.args], callback); }',
    '}',
    'module.exports = Scanner;',
  );
  assert.deepEqual(await library({ 'index.js': safe }), []);
});

test('a method storing input in this for methods that ran before it', async () => {
  const vulnerable = lines(
    "const { exec } = require('child_process');",
    'class Client {',
    '  version() { exec(this.settings.path + " --version"); }',
    '  init(options) { this.settings = Object.assign({}, options); }',
    '}',
    'module.exports = Client;',
  );
  assert.deepEqual(await library({ 'index.js': vulnerable }), [
    'code/command-injection index.js:3',
  ]);
  const safe = vulnerable.replace('Object.assign({}, options)', "{ path: '/usr/bin/clamscan' }");
  assert.deepEqual(await library({ 'index.js': safe }), []);
});

test('constructor functions: prototype objects, self = this, factories returning an instance', async () => {
  const vulnerable = lines(
    "const shell = require('shelljs');",
    'function Pdf(file, options) {',
    '  this.options = options || {};',
    "  this.options.additional = ['\"' + file + '\"'];",
    '}',
    'Pdf.prototype = {',
    '  info: function () {',
    '    var self = this;',
    "    return shell.exec('pdfinfo ' + self.options.additional.join(' '));",
    '  },',
    '};',
    'module.exports = function (file, options) { return new Pdf(file, options); };',
  );
  assert.deepEqual(await library({ 'index.js': vulnerable }), [
    'code/command-injection index.js:9',
  ]);
  const safe = vulnerable.replace("'pdfinfo ' + self.options.additional.join(' ')", "'pdfinfo -v'");
  assert.deepEqual(await library({ 'index.js': safe }), []);
});

test('Babel-compiled classes: _createClass puts the methods on the prototype', async () => {
  const vulnerable = lines(
    "var vm = require('vm');",
    'function _createClass(C, protoProps) { return C; }',
    'var Sandbox = function () {',
    '  function Sandbox(context) { this._context = vm.createContext(context); }',
    "  _createClass(Sandbox, [{ key: 'run', value: function run(code) {",
    "    return vm.runInContext('(' + code + ')', this._context);",
    '  } }]);',
    '  return Sandbox;',
    '}();',
    'module.exports = function (code) { return new Sandbox({}).run(code); };',
  );
  assert.deepEqual(await library({ 'index.js': vulnerable }), ['code/code-injection index.js:6']);
  const safe = vulnerable.replace("'(' + code + ')'", "'(1 + 1)'");
  assert.deepEqual(await library({ 'index.js': safe }), []);
});

test('export aliases: var api = module.exports = {}, var C = exports.C = function, exports', async () => {
  const vulnerable = lines(
    "var exec = require('child_process').exec;",
    'var scp = module.exports = {};',
    "scp.send = function (options) { exec(['scp', options.file, options.host].join(' ')); };",
    'var Git = exports.Git = function (dir) { this.dir = dir; };',
    "Git.prototype.call = function (command) { exec('git ' + command.toString()); };",
  );
  const alias = lines(
    "var exec = require('child_process').exec;",
    'var mac = exports;',
    "mac.ping = function (ip) { exec('ping -c 1 ' + ip); };",
  );
  assert.deepEqual(await library({ 'index.js': vulnerable, 'mac.js': alias }), [
    'code/command-injection index.js:3',
    'code/command-injection index.js:5',
    'code/command-injection mac.js:3',
  ]);
  // the same functions, not exported: their parameters are not the package's input
  const safe = lines(
    "var exec = require('child_process').exec;",
    'var scp = {};',
    "scp.send = function (options) { exec(['scp', options.file, options.host].join(' ')); };",
    'module.exports = { version: 1 };',
  );
  assert.deepEqual(await library({ 'index.js': safe }), []);
});

test('a module calling its own exports (module.exports.cmd)', async () => {
  const vulnerable = lines(
    "var exec = require('child_process').exec;",
    'module.exports = function (path, cb) { exec(module.exports.cmd(path), cb); };',
    "module.exports.cmd = function (path) { return 'identify ' + path; };",
  );
  assert.deepEqual(await library({ 'index.js': vulnerable }), [
    'code/command-injection index.js:2',
  ]);
  const safe = vulnerable.replace("'identify ' + path", "'identify -version'");
  assert.deepEqual(await library({ 'index.js': safe }), []);
});

test('the revealing-module pattern: an IIFE returning nested objects of functions', async () => {
  const vulnerable = lines(
    "var exec = require('child_process').exec;",
    "var util = require('util');",
    'var Utils = (function () {',
    '  return { vars: { get: function (key, cb) {',
    '    exec(util.format(\'plist -c "Print :%s"\', key), cb);',
    '  } } };',
    '})();',
    'module.exports = { utils: Utils };',
  );
  assert.deepEqual(await library({ 'index.js': vulnerable }), [
    'code/command-injection index.js:5',
  ]);
  const safe = vulnerable.replace('util.format(\'plist -c "Print :%s"\', key)', "'plist -h'");
  assert.deepEqual(await library({ 'index.js': safe }), []);
});

test('promise wrappers, bind and (0, f)(…) call the function they wrap', async () => {
  const vulnerable = lines(
    "const util = require('util');",
    "const Promise = require('promise');",
    "const run = util.promisify(require('child_process').exec);",
    "const runLegacy = Promise.denodeify(require('child_process').exec);",
    'exports.kill = (pid) => run(`kill ${pid}`);',
    "exports.write = (text) => runLegacy('oled write \"' + text + '\"');",
    "exports.evaluate = (code) => (0, eval)('(' + code + ')');",
  );
  assert.deepEqual(await library({ 'index.js': vulnerable }), [
    'code/code-injection index.js:7',
    'code/command-injection index.js:5',
    'code/command-injection index.js:6',
  ]);
  const safe = lines(
    "const util = require('util');",
    "const run = util.promisify(require('child_process').execFile);",
    "exports.kill = (pid) => run('kill', [String(pid)]);",
    "exports.evaluate = () => (0, eval)('1 + 1');",
  );
  assert.deepEqual(await library({ 'index.js': safe }), []);
});

test('drop-in promise versions of child_process and shelljs globals', async () => {
  const vulnerable = lines(
    "require('shelljs/global');",
    "var cp = require('mz/child_process');",
    "exports.arp = function (address) { return cp.exec('arp -n ' + address); };",
    "exports.aapt = function (apk, cb) { exec('aapt l ' + apk, cb); };",
  );
  assert.deepEqual(await library({ 'index.js': vulnerable }), [
    'code/command-injection index.js:3',
    'code/command-injection index.js:4',
  ]);
  // without the global import `exec` is some unknown function
  const safe = lines("exports.aapt = function (apk, cb) { exec('aapt l ' + apk, cb); };");
  assert.deepEqual(await library({ 'index.js': safe }), []);
});

test('new Promise: what resolve receives reaches the then callback', async () => {
  const vulnerable = lines(
    "var cp = require('child_process');",
    'function ping(address) { return new Promise(function (resolve) { resolve(address); }); }',
    "function arp(address) { return cp.execSync('arp -n ' + address); }",
    'module.exports = function (address) { return ping(address).then(arp); };',
  );
  assert.deepEqual(await library({ 'index.js': vulnerable }), [
    'code/command-injection index.js:3',
  ]);
  const safe = vulnerable.replace('resolve(address)', "resolve('192.168.0.1')");
  assert.deepEqual(await library({ 'index.js': safe }), []);
});

test('arguments carries every argument, declared or not', async () => {
  const vulnerable = lines(
    'function makeFunction() {',
    '  var body = arguments[arguments.length - 1];',
    "  return eval('(function () {' + body + '})');",
    '}',
    'module.exports = { makeFunction: makeFunction };',
  );
  assert.deepEqual(await library({ 'index.js': vulnerable }), ['code/code-injection index.js:3']);
  const safe = vulnerable.replace("'(function () {' + body + '})'", "'(function () {})'");
  assert.deepEqual(await library({ 'index.js': safe }), []);
});

test('collection helpers and package higher-order functions pass their data to the callback', async () => {
  const vulnerable = lines(
    "var _ = require('lodash');",
    "var reduceCall = require('reduce-function-call');",
    'function pathOf(dotted) {',
    "  var path = 'dup';",
    "  _.each(dotted.split('.'), function (item) { path += '[\"' + item + '\"]'; });",
    '  return path;',
    '}',
    "exports.remove = function (dotted) { eval('delete ' + pathOf(dotted)); };",
    'exports.calc = function (value) {',
    '  return reduceCall(value, /calc\\(/, function (expression) { return eval(expression); });',
    '};',
  );
  assert.deepEqual(await library({ 'index.js': vulnerable }), [
    'code/code-injection index.js:10',
    'code/code-injection index.js:8',
  ]);
  const safe = lines(
    "var _ = require('lodash');",
    "var mkdirp = require('mkdirp');",
    'exports.sum = function (list) {',
    '  var total = 0;',
    "  _.each(['1', '2'], function (item) { total += eval(item); });",
    '  return total;',
    '};',
    'exports.make = function (dir) {',
    "  mkdirp(dir, function (err) { if (err) eval('throw err'); });",
    '};',
  );
  assert.deepEqual(await library({ 'index.js': safe }), []);
});

test('a file read from a caller-chosen path is code for eval, and only for eval', async () => {
  const vulnerable = lines(
    "const fs = require('fs');",
    'exports.load = function (file) {',
    "  const text = fs.readFileSync(file, 'utf8').toString();",
    "  return eval('(' + text + ')');",
    '};',
  );
  const found = await library({ 'index.js': vulnerable });
  assert.ok(found.includes('code/code-injection index.js:4'), found.join(', '));
  const safe = lines(
    "const fs = require('fs');",
    "const { execSync } = require('child_process');",
    'exports.run = function () {',
    "  const script = fs.readFileSync('/etc/app/script.sh', 'utf8');",
    '  return execSync(script);',
    '};',
    'exports.show = function (file) {',
    "  const text = fs.readFileSync(file, 'utf8');",
    "  return execSync('echo ' + JSON.stringify(text.length));",
    '};',
  );
  assert.deepEqual(
    (await library({ 'index.js': safe })).filter((line) => !line.includes('path-traversal')),
    [],
  );
});

test('scripts without an extension are JavaScript when their shebang runs node', async () => {
  const server = lines(
    '#!/usr/bin/env node',
    "var http = require('http'), fs = require('fs'), url = require('url');",
    'http.createServer(function (req, res) {',
    '  fs.readFile(process.cwd() + url.parse(req.url).pathname, function (err, data) {',
    '    res.end(data);',
    '  });',
    '}).listen(8080);',
  );
  const { findings } = await scanFileSet({ 'bin/serve': server });
  assert.deepEqual(findingLines(findings), ['code/path-traversal bin/serve:4']);
  const shell = lines('#!/bin/sh', 'exec node "$(dirname "$0")/../index.js" "$@"');
  const other = await scanFileSet({ 'bin/serve': shell, LICENSE: 'MIT License\n' });
  assert.deepEqual(other, { findings: [], warnings: [] });
});

test('command-line arguments are a source for commands, not for paths or logs', async () => {
  const cli = lines(
    "const fs = require('fs');",
    "const { execSync } = require('child_process');",
    'const file = process.argv[2];',
    "console.log('reading ' + file);",
    "const text = fs.readFileSync(file, 'utf8');",
    "execSync('wc -l ' + file);",
  );
  const { findings } = await scanFileSet({ 'cli.js': cli });
  assert.deepEqual(findingLines(findings), ['code/command-injection cli.js:6']);
});

test('paths from several modules into one sink are one finding', async () => {
  const { findings } = await scanFileSet(
    {
      'fsutil.js': "const fs = require('fs');\nexports.read = (p) => fs.readFileSync(p);\n",
      'a.js': "const { read } = require('./fsutil');\nexports.a = (name) => read('a/' + name);\n",
      'b.js': "const { read } = require('./fsutil');\nexports.b = (name) => read('b/' + name);\n",
    },
    { sources: 'exports' },
  );
  assert.deepEqual(findingLines(findings), ['code/path-traversal fsutil.js:2']);
});
