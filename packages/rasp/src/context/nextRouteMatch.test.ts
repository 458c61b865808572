import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextRouteMatch } from './nextRouteMatch.js';

const META = Symbol.for('NextInternalRequestMeta');

describe('nextRouteMatch', () => {
  it('reads the template and params Next.js kept on the request', () => {
    const req = {
      [META]: {
        initURL: 'http://localhost/users/7',
        match: {
          definition: { pathname: '/users/[id]', page: '/users/[id]/route' },
          params: { id: '7' },
        },
      },
    };
    assert.deepEqual(nextRouteMatch(req), { params: { id: '7' }, route: '/users/[id]' });
  });

  it('is undefined for requests Next.js did not route, whatever the metadata holds', () => {
    for (const meta of [undefined, null, 'x', 1, {}, { match: null }, { match: 'x' }]) {
      assert.equal(nextRouteMatch({ [META]: meta }), undefined);
    }
    assert.equal(nextRouteMatch({}), undefined);
  });

  it('keeps params without a usable template', () => {
    assert.deepEqual(
      nextRouteMatch({ [META]: { match: { definition: null, params: { a: 'b' } } } }),
      {
        params: { a: 'b' },
        route: undefined,
      },
    );
    assert.deepEqual(nextRouteMatch({ [META]: { match: { definition: { pathname: 3 } } } }), {
      params: undefined,
      route: undefined,
    });
  });
});
