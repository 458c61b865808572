import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientIp } from './clientIp.js';
import { decodeJwtClaims } from './decodeJwtClaims.js';
import { UserInputCollector } from './collectUserInput.js';
import { parseCookies } from './parseCookies.js';
import { parseRawBody } from './parseRawBody.js';

describe('parseCookies', () => {
  it('reads pairs leniently', () => {
    assert.deepEqual(parseCookies('a=1; b="two"; junk; =x; c=%E2%82%AC; d=%zz; e=f=g'), [
      ['a', '1'],
      ['b', 'two'],
      ['c', '€'],
      ['d', '%zz'],
      ['e', 'f=g'],
    ]);
    assert.deepEqual(parseCookies(undefined), []);
    assert.deepEqual(parseCookies(['a=1', 'b=2']), [
      ['a', '1'],
      ['b', '2'],
    ]);
  });
});

describe('clientIp', () => {
  it('uses the socket address unless a proxy is trusted', () => {
    assert.equal(clientIp('::ffff:10.1.2.3', '203.0.113.9', false), '10.1.2.3');
    assert.equal(clientIp('10.0.0.1', 'junk, 203.0.113.9:443, 10.0.0.1', true), '203.0.113.9');
    assert.equal(clientIp('10.0.0.1', '[2001:db8::1]:80', true), '2001:db8::1');
    assert.equal(clientIp('10.0.0.1', 'unknown', true), '10.0.0.1');
    assert.equal(clientIp(undefined, undefined, true), undefined);
  });
});

describe('UserInputCollector', () => {
  it('stops at the input and depth limits, and on cycles', () => {
    const collector = new UserInputCollector({ maxInputs: 3, maxDepth: 2 });
    collector.addValue('body', { a: 'x', b: { c: 'y', d: { e: 'too deep' } }, f: 'z', g: 'over' });
    assert.deepEqual(collector.inputs, [
      { source: 'body.a', value: 'x' },
      { source: 'body.b.c', value: 'y' },
      { source: 'body.f', value: 'z' },
    ]);
    const cyclic: Record<string, unknown> = { name: 'n' };
    cyclic.self = cyclic;
    const bounded = new UserInputCollector({ maxInputs: 1000, maxDepth: 5 });
    bounded.addValue('body', cyclic);
    assert.equal(bounded.inputs.length, 5);
  });
});

describe('parseRawBody', () => {
  it('keeps malformed JSON as text and skips media that is not text', () => {
    assert.equal(parseRawBody('application/json', Buffer.from('{"a":')), '{"a":');
    assert.deepEqual(
      parseRawBody('application/vnd.api+json; charset=utf-8', Buffer.from('[1]')),
      [1],
    );
    assert.equal(parseRawBody('application/octet-stream', Buffer.from('x')), undefined);
    assert.equal(parseRawBody('multipart/form-data', Buffer.from('x')), undefined);
    assert.equal(parseRawBody(undefined, Buffer.alloc(0)), undefined);
  });
});

describe('decodeJwtClaims', () => {
  const token = (payload: string, header = '{"alg":"HS256"}'): string =>
    `Bearer ${Buffer.from(header).toString('base64url')}.${Buffer.from(payload).toString('base64url')}.c2ln`;

  it('reads the payload of a bearer token without verifying it', () => {
    assert.deepEqual(decodeJwtClaims(token('{"sub":"42","name":"x\' OR 1=1"}')), {
      sub: '42',
      name: "x' OR 1=1",
    });
    assert.deepEqual(decodeJwtClaims(token('{"a":1}').replace('Bearer', 'bearer')), { a: 1 });
  });

  it('answers undefined for anything that is not a JWT', () => {
    const notTokens = [
      undefined,
      ['Bearer a.b.c'],
      'Basic dXNlcjpwYXNz',
      'Bearer opaque-token',
      'Bearer a.b',
      'Bearer a.b.c.d',
      token('not json'),
      token('[1,2]'),
      token('"string"'),
      'Bearer ey!!.ey$$.x',
      `Bearer ${'a'.repeat(20_000)}.${'b'.repeat(20_000)}.c`,
      token('{"a":'),
    ];
    for (const header of notTokens) {
      assert.equal(decodeJwtClaims(header as string | undefined), undefined, String(header));
    }
  });
});
