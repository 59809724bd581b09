import { recallAtK } from './recall-at-k';

describe('recallAtK', () => {
  it('is 1 when the approximate lists hold the exact neighbours, in any order', () => {
    expect(recallAtK([['a', 'b', 'c']], [['c', 'a', 'b']])).toBe(1);
  });

  it('averages the recall of each query', () => {
    expect(
      recallAtK(
        [
          ['a', 'b', 'c', 'd'],
          ['e', 'f'],
        ],
        [
          ['a', 'x', 'c', 'y'],
          ['z', 'w'],
        ],
      ),
    ).toBeCloseTo(0.25);
  });

  it('counts only the first k approximate ids and each neighbour once', () => {
    expect(recallAtK([['a', 'b']], [['x', 'a', 'b']])).toBe(0.5);
    expect(recallAtK([['a', 'b']], [['a', 'a']])).toBe(0.5);
  });

  it('counts a query without exact neighbours as fully recalled', () => {
    expect(recallAtK([[], ['a']], [[], []])).toBe(0.5);
  });

  it('refuses mismatched or empty inputs', () => {
    expect(() => recallAtK([['a']], [])).toThrow(RangeError);
    expect(() => recallAtK([], [])).toThrow(RangeError);
  });
});
