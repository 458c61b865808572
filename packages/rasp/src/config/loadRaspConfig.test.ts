import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadRaspConfig } from './loadRaspConfig.js';
import { assertRaspConfigFile } from './assertRaspConfigFile.js';
import { RaspConfigError } from './RaspConfigError.js';
import { ATTACK_KINDS, attackSettings } from './RaspConfig.js';

const dirs: string[] = [];
function projectWith(config?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-rasp-config-'));
  dirs.push(dir);
  if (config !== undefined) writeFileSync(join(dir, 'vigil-rasp.json'), config);
  return dir;
}
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('loadRaspConfig', () => {
  it('defaults to monitor mode with a log file in the working directory', () => {
    const cwd = projectWith();
    const { config, problems, enabled } = loadRaspConfig({ env: {}, cwd });
    assert.deepEqual(problems, []);
    assert.equal(enabled, true);
    assert.equal(config.mode, 'monitor');
    assert.deepEqual(config.attacks, attackSettings('monitor'));
    assert.deepEqual(config.allowOutboundHosts, []);
    assert.equal(config.logPath, join(cwd, 'vigil-rasp.ndjson'));
    assert.equal(config.trustProxy, false);
  });

  it('reads vigil-rasp.json and lets environment variables override it', () => {
    const cwd = projectWith(
      JSON.stringify({
        mode: 'block',
        attacks: { path_traversal: 'monitor', shell_injection: 'off' },
        allow: {
          routes: ['GET /health', '/admin/*'],
          ips: ['10.0.0.0/8', '::1'],
          hosts: ['*.svc.cluster.local', '10.1.0.0/16'],
        },
        trustProxy: true,
        log: 'logs/rasp.ndjson',
        limits: { maxBodyBytes: 4096, maxDepth: 8 },
      }),
    );
    const { config, problems } = loadRaspConfig({
      env: {
        VIGIL_RASP_SQL_INJECTION: 'monitor',
        VIGIL_RASP_ALLOW_IPS: '192.168.1.7',
        PATH: '/bin',
      },
      cwd,
    });
    assert.deepEqual(problems, []);
    assert.equal(config.mode, 'block');
    assert.deepEqual(config.attacks, {
      ...attackSettings('block'),
      sql_injection: 'monitor',
      shell_injection: 'off',
      path_traversal: 'monitor',
    });
    assert.deepEqual(config.allowOutboundHosts, ['*.svc.cluster.local', '10.1.0.0/16']);
    assert.deepEqual(config.allowRoutes, ['GET /health', '/admin/*']);
    assert.deepEqual(config.allowIps, ['192.168.1.7']);
    assert.equal(config.trustProxy, true);
    assert.equal(config.logPath, join(cwd, 'logs/rasp.ndjson'));
    assert.equal(config.limits.maxBodyBytes, 4096);
    assert.equal(config.limits.maxDepth, 8);
  });

  it('takes the mode, the log and the switches from the environment alone', () => {
    const cwd = projectWith();
    const { config, problems, enabled } = loadRaspConfig({
      env: {
        VIGIL_RASP_MODE: 'block',
        VIGIL_RASP_LOG: 'off',
        VIGIL_RASP_TRUST_PROXY: 'true',
        VIGIL_RASP_MAX_BODY_BYTES: '100',
        VIGIL_RASP_DISABLE: '1',
      },
      cwd,
    });
    assert.deepEqual(problems, []);
    assert.equal(enabled, false);
    assert.equal(config.mode, 'block');
    assert.equal(config.attacks.sql_injection, 'block');
    assert.equal(config.logPath, null);
    assert.equal(config.trustProxy, true);
    assert.equal(config.limits.maxBodyBytes, 100);
  });

  it('falls back to monitor-mode defaults and lists every problem of a bad file', () => {
    const cwd = projectWith(
      JSON.stringify({
        mode: 'blok',
        attacks: { csrf: 'block', sql_injection: 'yes' },
        allow: {
          routes: ['health'],
          ips: ['10.0.0.300', '10.0.0.0/33'],
          hosts: ['a b'],
          users: [],
        },
        trustProxy: 'yes',
        log: '',
        limits: { maxBodyBytes: -1, speed: 3 },
        extra: true,
      }),
    );
    const { config, problems } = loadRaspConfig({ env: { VIGIL_RASP_MODE: 'block' }, cwd });
    assert.equal(config.mode, 'monitor');
    assert.equal(config.attacks.sql_injection, 'monitor');
    const file = join(cwd, 'vigil-rasp.json');
    assert.deepEqual(problems, [
      `${file}: unknown key "extra"`,
      `${file}: mode must be "monitor" or "block"`,
      `${file}: attacks.csrf is not an attack kind (${ATTACK_KINDS.join(', ')})`,
      `${file}: attacks.sql_injection must be "monitor", "block" or "off"`,
      `${file}: unknown key "allow.users"`,
      `${file}: allow.routes[0] must be a route such as "/health" or "GET /admin/*"`,
      `${file}: allow.ips[0] must be an IP address or CIDR range`,
      `${file}: allow.ips[1] must be an IP address or CIDR range`,
      `${file}: allow.hosts[0] must be a host name ("*.example" allowed), an IP address or a CIDR range`,
      `${file}: trustProxy must be true or false`,
      `${file}: log must be a file path or false`,
      `${file}: limits.maxBodyBytes must be a positive integer`,
      `${file}: unknown key "limits.speed"`,
    ]);
  });

  it('reads actions, rate limits and attack waves, with defaults and environment overrides', () => {
    const cwd = projectWith(
      JSON.stringify({
        actions: { terminateSession: 'express-session', alert: { url: 'https://siem.example/x' } },
        rateLimits: [{ by: 'ip', max: 100, windowSeconds: 60 }],
        attackWave: { threshold: 5, windowSeconds: 30, blockSeconds: 300 },
        freezePrototypes: true,
      }),
    );
    const { config, problems } = loadRaspConfig({
      env: { VIGIL_RASP_SHUTDOWN_AFTER: '10', VIGIL_RASP_TERMINATE_SESSION: 'cookie-session' },
      cwd,
    });
    assert.deepEqual(problems, []);
    assert.equal(config.freezePrototypes, true);
    assert.deepEqual(config.actions, {
      terminateSession: 'cookie-session',
      alert: {
        url: 'https://siem.example/x',
        batchSize: 50,
        flushSeconds: 5,
        maxQueue: 1000,
        retries: 5,
      },
      shutdownAfter: 10,
      rateLimits: [{ by: 'ip', max: 100, windowSeconds: 60, routes: [] }],
      attackWave: { threshold: 5, windowSeconds: 30, blockSeconds: 300 },
    });
    const bad = projectWith(
      JSON.stringify({
        actions: { terminateSession: 'yes', alert: { url: 'ftp://x' }, shutdownAfter: -1, x: 1 },
        rateLimits: [{ by: 'country', max: 0 }],
        attackWave: { threshold: 'many' },
      }),
    );
    const file = join(bad, 'vigil-rasp.json');
    assert.deepEqual(loadRaspConfig({ env: { VIGIL_RASP_ALERT_URL: 'nope' }, cwd: bad }).problems, [
      `${file}: unknown key "actions.x"`,
      `${file}: actions.terminateSession must be "express-session", "cookie-session", "custom" or false`,
      `${file}: actions.shutdownAfter must be 0 (never) or a positive integer`,
      `${file}: actions.alert.url must be an http(s) URL`,
      `${file}: rateLimits[0].by must be "ip", "user" or "route"`,
      `${file}: rateLimits[0].max must be a positive integer`,
      `${file}: rateLimits[0].windowSeconds must be a positive integer`,
      `${file}: attackWave.threshold must be a positive integer`,
      `${file}: attackWave.windowSeconds must be a positive integer`,
      'VIGIL_RASP_ALERT_URL must be an http(s) URL',
    ]);
  });

  it('reports malformed JSON with its position, and a missing named file', () => {
    const cwd = projectWith('{"mode": "block",');
    const broken = loadRaspConfig({ env: {}, cwd });
    assert.equal(broken.problems.length, 1);
    assert.match(broken.problems[0] ?? '', /vigil-rasp\.json: not valid JSON \(.*position|JSON/);
    assert.equal(broken.config.mode, 'monitor');

    const missing = loadRaspConfig({ env: { VIGIL_RASP_CONFIG: 'nope.json' }, cwd: projectWith() });
    assert.equal(missing.problems.length, 1);
    assert.match(missing.problems[0] ?? '', /nope\.json: ENOENT/);
  });

  it('rejects bad and unknown environment variables', () => {
    const { config, problems } = loadRaspConfig({
      env: {
        VIGIL_RASP_MODE: 'blocking',
        VIGIL_RASP_MDOE: 'block',
        VIGIL_RASP_PATH_TRAVERSAL: 'never',
        VIGIL_RASP_TRUST_PROXY: 'maybe',
        VIGIL_RASP_ALLOW_IPS: '1.2.3.4, not-an-ip',
        VIGIL_RASP_ALLOW_ROUTES: '/ok,bad route',
        VIGIL_RASP_MAX_BODY_BYTES: '1e3',
      },
      cwd: projectWith(),
    });
    assert.equal(config.mode, 'monitor');
    assert.deepEqual(problems, [
      'VIGIL_RASP_MODE must be monitor or block',
      'unknown variable VIGIL_RASP_MDOE',
      'VIGIL_RASP_PATH_TRAVERSAL must be monitor, block or off',
      'VIGIL_RASP_TRUST_PROXY must be true or false',
      'VIGIL_RASP_ALLOW_IPS: "not-an-ip" is not valid',
      'VIGIL_RASP_ALLOW_ROUTES: "bad route" is not valid',
      'VIGIL_RASP_MAX_BODY_BYTES must be a positive integer',
    ]);
  });
});

describe('assertRaspConfigFile', () => {
  it('accepts an empty object and refuses what is not an object', () => {
    assertRaspConfigFile({});
    for (const value of [null, [], 'block', 3]) {
      assert.throws(
        () => {
          assertRaspConfigFile(value);
        },
        (error: unknown) => error instanceof RaspConfigError && error.code === 'CONFIG_INVALID',
      );
    }
  });
});
