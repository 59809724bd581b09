import { JudgeError } from './judge.error';
import { jsonArraysIn } from './json-arrays';

/** Support given to the model's "yes" / "partly" / "no": partly lands between UNSUPPORTED and SUPPORTED, i.e. weak. */
export const SUPPORT_OF_ANSWER = { yes: 1, partly: 0.4, no: 0 } as const;

export interface ModelVerdict {
  support: number;
  /** 1-based passage number, or null. */
  source: number | null;
}

/** The first JSON array of strings in the reply (claims, generated questions), blanks dropped. */
export function parseStringArray(reply: string, what: string): string[] {
  for (const array of jsonArraysIn(reply)) {
    if (array.every((item): item is string => typeof item === 'string')) {
      return array.map((item) => item.trim()).filter((item) => item.length > 0);
    }
  }
  throw unparsable(what, reply);
}

/**
 * The verdict on each of `claimCount` claims, in claim order, from the first array of verdict objects
 * in the reply. A source number outside the passages is read as null; a claim left without a
 * verdict fails the reply, since counting it as unsupported would invent a hallucination.
 */
export function parseVerdicts(reply: string, claimCount: number, passageCount: number): ModelVerdict[] {
  for (const array of jsonArraysIn(reply)) {
    const read = array.map((item) => readVerdict(item, claimCount, passageCount));
    if (read.length === 0 || read.some((verdict) => verdict === undefined)) continue;
    const byClaim = new Map<number, ModelVerdict>();
    for (const verdict of read) if (verdict && !byClaim.has(verdict.claim)) byClaim.set(verdict.claim, verdict);
    const verdicts = Array.from({ length: claimCount }, (_, i) => byClaim.get(i + 1));
    if (verdicts.every((verdict) => verdict !== undefined)) {
      return verdicts.map(({ support, source }) => ({ support, source }));
    }
    throw new JudgeError(`judge model gave verdicts on ${byClaim.size} of ${claimCount} claims`, false);
  }
  throw unparsable('claim verdicts', reply);
}

function readVerdict(
  item: unknown,
  claimCount: number,
  passageCount: number,
): (ModelVerdict & { claim: number }) | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const { claim, supported, source } = item as Record<string, unknown>;
  const claimNumber = toNumber(claim);
  const answer = typeof supported === 'string' ? supported.trim().toLowerCase() : undefined;
  if (claimNumber === undefined || claimNumber < 1 || claimNumber > claimCount) return undefined;
  if (answer !== 'yes' && answer !== 'partly' && answer !== 'no') return undefined;
  const sourceNumber = toNumber(source);
  const inRange = sourceNumber !== undefined && sourceNumber >= 1 && sourceNumber <= passageCount;
  return { claim: claimNumber, support: SUPPORT_OF_ANSWER[answer], source: inRange ? sourceNumber : null };
}

/** Models write numbers as 2 or "2". */
function toNumber(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) ? number : undefined;
}

function unparsable(what: string, reply: string): JudgeError {
  const excerpt = reply.length > 200 ? `${reply.slice(0, 200)}…` : reply;
  return new JudgeError(`judge model reply has no JSON array of ${what}: ${JSON.stringify(excerpt)}`, false);
}
