import { reciprocalRankFusion, RRF_K } from './reciprocal-rank-fusion';

describe('reciprocalRankFusion', () => {
  it('ranks an id found by both rankings above ids found by one', () => {
    const fused = reciprocalRankFusion([
      ['a', 'b', 'c'],
      ['c', 'd'],
    ]);
    expect(fused[0]).toEqual({ id: 'c', score: 1 / (RRF_K + 3) + 1 / (RRF_K + 1) });
    expect(fused.map((hit) => hit.id)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('breaks ties by id so the order is deterministic', () => {
    expect(reciprocalRankFusion([['y'], ['x']]).map((hit) => hit.id)).toEqual(['x', 'y']);
  });

  it('returns nothing for empty rankings', () => {
    expect(reciprocalRankFusion([[], []])).toEqual([]);
  });
});
