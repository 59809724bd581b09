/** The constant of Cormack et al.'s reciprocal rank fusion; 60 damps the weight of the top ranks. */
export const RRF_K = 60;

/** Fuses rankings (best first) of ids: score(id) = sum over rankings of 1 / (RRF_K + rank). */
export function reciprocalRankFusion(rankings: string[][], k = RRF_K): { id: string; score: number }[] {
  const scores = new Map<string, number>();
  for (const ranking of rankings) {
    ranking.forEach((id, index) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + index + 1)));
  }
  return [...scores.entries()]
    .map(([id, score]) => ({ id, score }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
