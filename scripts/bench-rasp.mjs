// Overhead benchmark of the runtime agent (issue 6, item 7): requests/s and latency (p50, p99) of
// benign routes of the sample app (packages/rasp/eval/app.cjs) without an agent, with Vigil
// (block mode) and with Aikido Zen (AIKIDO_BLOCK=true, no token), in the same run, measured
// with autocannon over keep-alive connections to a real app process on loopback.
//
//   npm run build && npm run bench:rasp [-- --duration 8 --rounds 3 --connections 10]
//
// Routes: an empty Express route, one SQLite query with a bound parameter, one file read.
// Rounds alternate the agents so drift on a shared machine spreads over all of them; the
// median round is reported. autocannon runs in this process, so on a 2-core machine the load
// generator and the app share the cores: compare the columns, not the absolute numbers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import {
  agentSetups,
  prepareWorkDir,
  startApp,
  VIGIL_REGISTER,
  zenStatus,
} from './lib/raspApp.mjs';

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
}
const duration = option('duration', 8);
const rounds = option('rounds', 3);
const connections = option('connections', 10);

const ROUTES = [
  ['empty route', '/empty'],
  ['one SQLite query (bound parameter)', '/user?id=2'],
  ['one file read', '/readme'],
];

const zen = zenStatus();
const agents = ['none', 'vigil', ...(zen.available ? ['zen'] : [])];
const setups = agentSetups(VIGIL_REGISTER);
const work = mkdtempSync(join(tmpdir(), 'vigil-bench-rasp-'));
prepareWorkDir(work, undefined);

function load(url, seconds) {
  return autocannon({ url, connections, duration: seconds, pipelining: 1 });
}

/** samples[agent][route] = one { rps, p50, p99, errors } per round */
const samples = Object.fromEntries(agents.map((agent) => [agent, ROUTES.map(() => [])]));
const started = performance.now();
for (let round = 0; round < rounds; round += 1) {
  const order = round % 2 === 0 ? agents : [...agents].reverse();
  for (const agent of order) {
    const app = await startApp(setups[agent], {
      work,
      extraEnv: { VIGIL_RASP_LOG: join(work, 'vigil-events.ndjson') },
    });
    try {
      for (const [index, [, path]] of ROUTES.entries()) {
        const url = `http://127.0.0.1:${app.port}${path}`;
        await load(url, 2); // warm-up: JIT, connection pool, the agent's first-request work
        const result = await load(url, duration);
        samples[agent][index].push({
          rps: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          errors: result.errors + result.timeouts + result.non2xx,
        });
        process.stderr.write(
          `bench-rasp: round ${round + 1} ${agent} ${path}: ${result.requests.average.toFixed(0)} req/s\n`,
        );
      }
    } finally {
      await app.stop();
    }
  }
}
const seconds = (performance.now() - started) / 1000;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The lowest and highest of the rounds: how noisy the machine was. */
function range(values) {
  return `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
}

const date = new Date().toISOString().slice(0, 10);
console.log(
  `# RASP overhead benchmark, ${date}, Node ${process.version}, autocannon ${connections} connections, ${duration} s per measurement, median of ${rounds} rounds`,
);
console.log(
  zen.available
    ? `Aikido Zen: @aikidosec/firewall ${zen.version}`
    : `Aikido Zen: not run: ${zen.reason}`,
);
console.log(
  '\n| route | agent | req/s | vs no agent | req/s range over rounds | p50 ms | p99 ms | errors |',
);
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [index, [name]] of ROUTES.entries()) {
  const baseline = median(samples.none[index].map((sample) => sample.rps));
  for (const agent of agents) {
    const runs = samples[agent][index];
    const rps = median(runs.map((sample) => sample.rps));
    const change = agent === 'none' ? '' : `${(((rps - baseline) / baseline) * 100).toFixed(1)} %`;
    console.log(
      `| ${name} | ${setups[agent].label} | ${rps.toFixed(0)} | ${change} | ${range(runs.map((s) => s.rps))} | ${median(runs.map((s) => s.p50))} | ${median(runs.map((s) => s.p99))} | ${runs.reduce((sum, s) => sum + s.errors, 0)} |`,
    );
  }
}
console.log(`\nTotal time: ${seconds.toFixed(0)} s`);
rmSync(work, { recursive: true, force: true });
