import { describe, expect, it } from 'vitest';
import { toApiRoute } from '../../extension/lib/api-routes.ts';

describe('listDeletions route', () => {
  it('sends the limit only', () => {
    expect(toApiRoute({ type: 'api:listDeletions', limit: 20 })).toEqual({ method: 'GET', path: '/v1/deletions?limit=20' });
  });

  it('encodes the before cursor', () => {
    const route = toApiRoute({ type: 'api:listDeletions', limit: 20, before: 'del_1&x=2' });
    expect(route.path).toBe('/v1/deletions?limit=20&before=del_1%26x%3D2');
  });
});
