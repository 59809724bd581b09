import { JudgeError } from './judge.error';
import { parseStringArray, parseVerdicts } from './judge-replies';

describe('parseStringArray', () => {
  it('reads the first JSON array of strings, in prose or a code fence', () => {
    expect(parseStringArray('["a", " b "]', 'claims')).toEqual(['a', 'b']);
    expect(parseStringArray('Here they are:\n```json\n["Refunds [1] take 5 days."]\n```\nDone.', 'claims')).toEqual([
      'Refunds [1] take 5 days.',
    ]);
    expect(parseStringArray('Per passage [2], the claims are ["x"]', 'claims')).toEqual(['x']);
    expect(parseStringArray('[]', 'claims')).toEqual([]);
  });

  it.each(['Sorry, I cannot help with that.', '[1, 2]', '["unterminated', '{"claims": "x"}'])(
    'throws a non-retryable JudgeError on %j',
    (reply) => {
      expect(() => parseStringArray(reply, 'claims')).toThrow(JudgeError);
      expect(() => parseStringArray(reply, 'claims')).toThrow(expect.objectContaining({ retryable: false }));
    },
  );
});

describe('parseVerdicts', () => {
  it('maps yes, partly and no to support 1, 0.4 and 0, in claim order', () => {
    const reply =
      'Verdicts: [{"claim": 2, "supported": "Partly", "source": "1"}, {"claim": 1, "supported": "yes", "source": 2}, {"claim": 3, "supported": "no", "source": null}]';

    expect(parseVerdicts(reply, 3, 2)).toEqual([
      { support: 1, source: 2 },
      { support: 0.4, source: 1 },
      { support: 0, source: null },
    ]);
  });

  it('reads a source outside the passages as none', () => {
    expect(parseVerdicts('[{"claim": 1, "supported": "yes", "source": 9}]', 1, 2)).toEqual([
      { support: 1, source: null },
    ]);
  });

  it.each([
    ['no array', 'All claims are supported.'],
    ['an unknown answer', '[{"claim": 1, "supported": "maybe", "source": 1}]'],
    ['a claim number out of range', '[{"claim": 4, "supported": "yes", "source": 1}]'],
    ['a missing claim', '[{"claim": 1, "supported": "yes", "source": 1}]'],
  ])('throws a non-retryable JudgeError on %s', (_, reply) => {
    expect(() => parseVerdicts(reply, 2, 2)).toThrow(expect.objectContaining({ name: 'JudgeError', retryable: false }));
  });
});
