const CANNOT = String.raw`(?:cannot|can ?not|can't|could ?not|couldn't|did not|didn't|do not|don't|(?:am|are|was|were) unable to|unable to)`;
const SOURCES = String.raw`(?:the )?(?:provided |given |retrieved |available )?(?:sources?|context|documents?|passages?|information)`;

/** Sentences saying the answer is not known, rather than claiming anything about the world. */
const REFUSALS = [
  new RegExp(String.raw`\b(?:i|we) ${CANNOT} (?:find|locate|answer|determine|know|tell)\b`, 'i'),
  new RegExp(
    String.raw`\b${SOURCES} (?:do not|don't|does not|doesn't) (?:contain|mention|say|cover|include|provide|specify)\b`,
    'i',
  ),
  new RegExp(String.raw`\bnot (?:mentioned|covered|stated|found|specified|included|available) in ${SOURCES}`, 'i'),
  /^(?:there is |there's )?no (?:relevant )?information\b/i,
];

export function isRefusalSentence(sentence: string): boolean {
  const text = sentence.replace(/[’‘]/g, "'");
  return REFUSALS.some((pattern) => pattern.test(text));
}
