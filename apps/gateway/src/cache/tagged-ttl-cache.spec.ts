import { TaggedTtlCache } from './tagged-ttl-cache';

describe('TaggedTtlCache', () => {
  let now = 1_000;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000;
  });

  it('answers an entry until its ttl has passed', () => {
    const cache = new TaggedTtlCache<string>(10, clock);
    cache.set('a', 'A', 100, []);
    now += 99;
    expect(cache.get('a')).toBe('A');
    now += 1;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('stores nothing with a ttl of 0 (caching off)', () => {
    const cache = new TaggedTtlCache<string>(10, clock);
    expect(cache.set('a', 'A', 0, [])).toBe(false);
    expect(cache.get('a')).toBeUndefined();
  });

  it('drops every entry of a tag, and only those', () => {
    const cache = new TaggedTtlCache<string>(10, clock);
    cache.set('k1', 'one', 1000, ['key:1', 'tenant:t']);
    cache.set('k2', 'two', 1000, ['key:2', 'tenant:t']);
    cache.set('k3', 'three', 1000, ['key:3', 'tenant:u']);
    expect(cache.invalidate('tenant:t')).toBe(2);
    expect([cache.get('k1'), cache.get('k2'), cache.get('k3')]).toEqual([undefined, undefined, 'three']);
    expect(cache.invalidate('key:1')).toBe(0);
  });

  it('refuses to store an answer looked up before an invalidation', () => {
    const cache = new TaggedTtlCache<string>(10, clock);
    const generation = cache.generation;
    cache.invalidate('key:1'); // e.g. a revocation arrives while identity is being asked
    expect(cache.set('k1', 'stale', 1000, ['key:1'], generation)).toBe(false);
    expect(cache.get('k1')).toBeUndefined();
    expect(cache.set('k1', 'fresh', 1000, ['key:1'], cache.generation)).toBe(true);
  });

  it('evicts the oldest write when full, and forgets its tags', () => {
    const cache = new TaggedTtlCache<string>(2, clock);
    cache.set('a', 'A', 1000, ['t:a']);
    cache.set('b', 'B', 1000, ['t:b']);
    cache.set('a', 'A2', 1000, ['t:a']); // rewritten: now the newest
    cache.set('c', 'C', 1000, ['t:c']);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['A2', undefined, 'C']);
    expect(cache.invalidate('t:b')).toBe(0);
  });
});
