import { describe, expect, it, vi } from 'vitest';
import { GenerationCache } from './generation-cache.js';

describe('GenerationCache', () => {
  it('answers from the entry while the generation stands, and computes afresh after a write', async () => {
    const cache = new GenerationCache<{ n: number }>(10);
    const compute = vi.fn(async () => ({ n: compute.mock.calls.length }));
    const first = await cache.get('k', 1, compute);
    expect(await cache.get('k', 1, compute)).toBe(first);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(await cache.get('k', 2, compute)).toEqual({ n: 2 });
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('lets identical requests arriving together share one computation', async () => {
    const cache = new GenerationCache<number>(10);
    let release!: (n: number) => void;
    const compute = vi.fn(() => new Promise<number>((r) => (release = r)));
    const both = Promise.all([cache.get('k', 1, compute), cache.get('k', 1, compute)]);
    release(7);
    expect(await both).toEqual([7, 7]);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('does not keep a failed computation', async () => {
    const cache = new GenerationCache<number>(10);
    await expect(cache.get('k', 1, () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    expect(await cache.get('k', 1, async () => 3)).toBe(3);
  });

  it('never lets a request that read an older generation displace a newer entry', async () => {
    const cache = new GenerationCache<string>(10);
    await cache.get('k', 5, async () => 'new');
    expect(await cache.get('k', 4, async () => 'old')).toBe('old');
    expect(await cache.get('k', 5, async () => 'recomputed')).toBe('new');
  });

  it('keeps at most its size in the units given, the least recently used going first', async () => {
    const cache = new GenerationCache<number[]>(10, (rows) => rows.length);
    const a = await cache.get('a', 1, async () => [1, 2, 3, 4]);
    await cache.get('b', 1, async () => [1, 2, 3, 4]);
    expect(await cache.get('a', 1, async () => [])).toBe(a); // a is now the most recently used
    await cache.get('c', 1, async () => [1, 2, 3, 4]); // 12 > 10: b goes
    expect(await cache.get('a', 1, async () => [])).toBe(a);
    expect(await cache.get('b', 1, async () => [9])).toEqual([9]);
  });
});
