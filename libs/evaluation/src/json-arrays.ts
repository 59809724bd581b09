/**
 * The JSON arrays in a model's reply, in order, which may be wrapped in prose or a ```json fence.
 * Brackets inside strings are skipped, so `["a [1] b"]` is one array; arrays nested in a yielded one
 * are not yielded again.
 */
export function* jsonArraysIn(text: string): Generator<unknown[]> {
  let start = text.indexOf('[');
  while (start !== -1) {
    const end = matchingBracket(text, start);
    const value = end === undefined ? undefined : parseJson(text.slice(start, end + 1));
    if (end !== undefined && Array.isArray(value)) {
      yield value;
      start = text.indexOf('[', end + 1);
    } else {
      start = text.indexOf('[', start + 1);
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function matchingBracket(text: string, start: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '[' || char === '{') depth++;
    else if (char === ']' || char === '}') {
      depth--;
      if (depth === 0) return char === ']' ? i : undefined;
    }
  }
  return undefined;
}
