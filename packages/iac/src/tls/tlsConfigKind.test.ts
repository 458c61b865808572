import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isTlsConfigCandidate, tlsConfigKind } from './tlsConfigKind.js';

const nginxSite =
  'server {\n    listen 443 ssl;\n    ssl_certificate /etc/ssl/site.pem;\n    ssl_protocols TLSv1.2;\n}\n';
const nginxPlain = 'server {\n    listen 80;\n    root /srv/www;\n}\n';
const apacheSite =
  '<VirtualHost *:443>\n    ServerName a.example\n    SSLEngine on\n    SSLProtocol -all +TLSv1.2\n</VirtualHost>\n';
const apacheGlobal = 'SSLProtocol all -SSLv3 -TLSv1 -TLSv1.1\nSSLCipherSuite HIGH:!aNULL\n';

test('server configurations by name, directory and content', () => {
  const cases: [string, string, string | undefined][] = [
    ['nginx.conf', 'events {}\n', 'nginx'],
    ['deploy/nginx/nginx.conf', nginxSite, 'nginx'],
    ['nginx/snippets/ssl-params.conf', 'ssl_protocols TLSv1.2;\n', 'nginx'],
    ['etc/nginx/conf.d/site.conf', nginxSite, 'nginx'],
    ['conf.d/site.conf', nginxPlain, 'nginx'],
    ['sites-available/shop.conf', nginxSite, 'nginx'],
    ['sites-enabled/shop.conf', apacheSite, 'apache'],
    ['ops/proxy.conf', nginxSite, 'nginx'],
    ['httpd.conf', 'ServerRoot "/etc/httpd"\n', 'apache'],
    ['etc/apache2/apache2.conf', 'Include ports.conf\n', 'apache'],
    ['etc/apache2/sites-available/default-ssl.conf', apacheSite, 'apache'],
    ['etc/httpd/conf.d/ssl.conf', apacheGlobal, 'apache'],
    ['ssl.conf', apacheGlobal, 'apache'],
    ['docker/vhost.conf', apacheSite, 'apache'],
    ['haproxy.cfg', 'global\n', 'haproxy'],
    ['ops/haproxy/edge.cfg', 'frontend fe\n', 'haproxy'],
  ];
  for (const [path, text, kind] of cases) assert.equal(tlsConfigKind(path, text), kind, path);
});

test('other programs’ .conf files are not taken for nginx or Apache', () => {
  const cases: [string, string][] = [
    // supervisord, fontconfig (XML) and systemd drop-ins share conf.d/ names.
    ['supervisor/conf.d/app.conf', '[program:app]\ncommand=/usr/bin/app\n'],
    ['fonts/conf.d/10-hinting.conf', '<?xml version="1.0"?>\n<fontconfig>\n</fontconfig>\n'],
    ['conf.d/vars.conf', 'ssl_protocols TLSv1;\n'],
    // A plain HTTP nginx server outside nginx directories: nothing to check.
    ['ops/web.conf', nginxPlain],
    ['unbound.conf', 'server:\n  interface: 0.0.0.0\n'],
    ['named.conf', 'server 10.0.0.1 {\n  keys { k; };\n};\n'],
    ['etc/apache2/mods-available/status.conf', '<Location /server-status>\n</Location>\n'],
    ['vhost.conf', '<VirtualHost *:80>\n    ServerName a.example\n</VirtualHost>\n'],
    ['app.cfg', 'global\n'],
    ['nginx.conf.j2', nginxSite],
  ];
  for (const [path, text] of cases) assert.equal(tlsConfigKind(path, text), undefined, path);
  assert.ok(isTlsConfigCandidate('a/b.conf') && isTlsConfigCandidate('haproxy.cfg'));
  assert.ok(!isTlsConfigCandidate('nginx.conf.j2') && !isTlsConfigCandidate('conf.d/x.yaml'));
});
