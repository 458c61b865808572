import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import { after, before, test } from 'node:test';
import { close, listen } from '../testing/servers.test.support.js';
import { AlertQueue } from './AlertQueue.js';

interface Batch {
  readonly dropped: number;
  readonly events: { n: number }[];
}

/** A real collector: answers each POST with the next status of `statuses` (then 200). */
const received: Batch[] = [];
let statuses: number[] = [];
const collector = createServer((req: IncomingMessage, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    const status = statuses.shift() ?? 200;
    if (status === 200) received.push(JSON.parse(body) as Batch);
    res.writeHead(status).end();
  });
});
let url = '';
before(async () => {
  url = `${await listen(collector)}/events`;
});
after(() => close(collector));

const settings = (overrides: object = {}) => ({
  url,
  batchSize: 2,
  flushSeconds: 60,
  maxQueue: 100,
  retries: 3,
  ...overrides,
});

test('sends full batches at once and retries failures with backoff', async () => {
  received.length = 0;
  statuses = [503, 503];
  const queue = new AlertQueue(settings(), undefined, 5);
  for (let n = 1; n <= 5; n++) queue.enqueue({ n });
  await queue.flush();
  assert.deepEqual(
    received.map((batch) => batch.events.map((event) => event.n)),
    [[1, 2], [3, 4], [5]],
  );
  assert.equal(queue.size, 0);
});

test('gives up on a refused batch and on an unreachable endpoint, counting what it drops', async () => {
  received.length = 0;
  statuses = [400];
  const queue = new AlertQueue(settings(), undefined, 5);
  queue.enqueue({ n: 1 });
  queue.enqueue({ n: 2 });
  await queue.flush();
  queue.enqueue({ n: 3 });
  await queue.flush();
  assert.deepEqual(received, [{ ...received[0], dropped: 2, events: [{ n: 3 }] }]);

  const unreachable = new AlertQueue(
    settings({ url: 'http://127.0.0.1:9/', retries: 1 }),
    undefined,
    5,
  );
  unreachable.enqueue({ n: 1 });
  await unreachable.flush();
  assert.equal(unreachable.size, 0);
});

test('bounds the queue, dropping the oldest', async () => {
  received.length = 0;
  statuses = [];
  const queue = new AlertQueue(settings({ batchSize: 10, maxQueue: 3 }), undefined, 5);
  for (let n = 1; n <= 5; n++) queue.enqueue({ n });
  assert.equal(queue.size, 3);
  await queue.flush();
  assert.deepEqual(received[0]?.events, [{ n: 3 }, { n: 4 }, { n: 5 }]);
  assert.equal(received[0].dropped, 2);
});

test('flushes a partial batch after flushSeconds without keeping the process alive', async () => {
  received.length = 0;
  const transport = (): Promise<number> => {
    received.push({ dropped: 0, events: [] });
    return Promise.resolve(200);
  };
  const queue = new AlertQueue(settings({ flushSeconds: 0.05 }), transport);
  queue.enqueue({ n: 1 });
  await new Promise((resolve) => setTimeout(resolve, 150));
  assert.equal(received.length, 1);
});
