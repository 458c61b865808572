import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectNoSqlInjection } from './detectNoSqlInjection.js';

const body = (json: string): Record<string, unknown> => JSON.parse(json) as Record<string, unknown>;

test('a user object with operators reaching the filter is an attack', () => {
  const login = body('{"user":"admin","password":{"$ne":""}}');
  assert.deepEqual(detectNoSqlInjection({ user: login.user, password: login.password }, login), {
    attack: true,
    reason: 'operator-injection',
    path: 'password',
    inputPath: 'password',
  });
  // A copy (drivers clone filters), deep in an $and, from a qs-parsed query.
  const query = { filter: { name: { $regex: '.*', $options: 'i' } } };
  assert.deepEqual(
    detectNoSqlInjection(
      { $and: [{ tenant: 't1' }, { name: { $regex: '.*', $options: 'i' } }] },
      query,
    ),
    {
      attack: true,
      reason: 'operator-injection',
      path: '$and.1.name',
      inputPath: 'filter.name',
    },
  );
  // The whole body as the filter.
  const whole = body('{"username":{"$gt":""},"password":{"$gt":""}}');
  assert.equal(detectNoSqlInjection(whole, whole).attack, true);
  // An aggregation pipeline.
  const search = body('{"q":{"$exists":true}}');
  assert.equal(
    detectNoSqlInjection([{ $match: { title: search.q } }, { $limit: 5 }], search).attack,
    true,
  );
});

test('user strings that change server-side JavaScript are an attack', () => {
  const name = "x'; while(true){}; '";
  assert.deepEqual(detectNoSqlInjection({ $where: `this.name == '${name}'` }, { name }), {
    attack: true,
    reason: 'where-injection',
    path: '$where',
    inputPath: 'name',
  });
  const code = 'sleep(5000) || true';
  assert.equal(detectNoSqlInjection({ $where: code }, code).attack, true);
  const fn = {
    $expr: { $function: { body: `function() { return '${name}' }`, args: [], lang: 'js' } },
  };
  assert.deepEqual(detectNoSqlInjection(fn, { name }), {
    attack: true,
    reason: 'where-injection',
    path: '$expr.$function.body',
    inputPath: 'name',
  });
});

test('plain user values inside operators the application wrote are benign', () => {
  const form = body('{"user":"admin","password":"xyz","min":"5","tags":["a","b"]}');
  const filters: unknown[] = [
    { user: form.user, password: form.password },
    { age: { $gte: Number(form.min) }, tags: { $in: form.tags } },
    { name: { $regex: `^${String(form.user)}`, $options: 'i' } },
    { $where: `this.name == ${JSON.stringify(form.user)}` },
    { $where: "this.name == 'O\\'Brien'" },
  ];
  for (const filter of filters) {
    assert.deepEqual(detectNoSqlInjection(filter, form), { attack: false }, JSON.stringify(filter));
  }
  // Operators the user sent that do not reach the filter.
  const ignored = body('{"sort":{"$natural":1},"name":"x"}');
  assert.deepEqual(detectNoSqlInjection({ name: ignored.name }, ignored), { attack: false });
  // Operators in the filter equal to nothing the user sent.
  assert.deepEqual(detectNoSqlInjection({ a: { $ne: null } }, { a: { $ne: 1 } }), {
    attack: false,
  });
});

test('odd, cyclic and huge values are answered in bounded time', () => {
  assert.deepEqual(detectNoSqlInjection(null, { $ne: 1 }), { attack: false });
  assert.deepEqual(detectNoSqlInjection('string filter', { $ne: 1 }), { attack: false });
  assert.deepEqual(detectNoSqlInjection({}, undefined), { attack: false });
  const cyclic: Record<string, unknown> = { $ne: 1 };
  cyclic.self = cyclic;
  assert.equal(detectNoSqlInjection({ a: cyclic }, cyclic).attack, true);
  const wide = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, { $eq: i }]));
  const started = performance.now();
  detectNoSqlInjection({ ...wide }, wide);
  let deep: Record<string, unknown> = { $gt: '' };
  for (let i = 0; i < 5_000; i++) deep = { x: deep };
  detectNoSqlInjection({ a: deep }, deep);
  assert.ok(performance.now() - started < 3_000);
});
