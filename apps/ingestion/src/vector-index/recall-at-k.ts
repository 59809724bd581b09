/**
 * Mean recall of approximate top-k lists against exact ones, one list per query (k is the exact
 * list's length; approximate ids past it do not count). A query without exact neighbours counts as 1.
 */
export function recallAtK(exact: string[][], approx: string[][]): number {
  if (exact.length !== approx.length) {
    throw new RangeError(`${exact.length} exact lists but ${approx.length} approximate ones`);
  }
  if (exact.length === 0) throw new RangeError('recall of no queries');
  const perQuery = exact.map((expected, query) => {
    const wanted = new Set(expected);
    if (wanted.size === 0) return 1;
    const found = new Set(approx[query].slice(0, expected.length).filter((id) => wanted.has(id)));
    return found.size / wanted.size;
  });
  return perQuery.reduce((sum, recall) => sum + recall, 0) / exact.length;
}
