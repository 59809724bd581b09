import { splitClaims } from './claims';

describe('splitClaims', () => {
  it('splits an answer into its sentences, citation markers stripped', () => {
    expect(
      splitClaims('Invoices are due within 30 days [2]. Late invoices incur a fee [1, 3].\nParking is free [1][2].'),
    ).toEqual(['Invoices are due within 30 days.', 'Late invoices incur a fee.', 'Parking is free.']);
  });

  it('drops fragments of fewer than two content words', () => {
    expect(splitClaims('Yes. It is. Refunds take five days.')).toEqual(['Refunds take five days.']);
  });

  it.each([
    'I could not find this in the provided sources.',
    "I couldn't find any information about parking.",
    'We are unable to answer this question.',
    'The provided sources do not mention parking.',
    'Parking is not mentioned in the context.',
    'There is no information about parking.',
  ])('drops a sentence that only says the answer is unknown: %s', (sentence) => {
    expect(splitClaims(sentence)).toEqual([]);
  });

  it('keeps the claims of an answer that is partly a refusal, and negative statements about the world', () => {
    expect(splitClaims('I could not find the parking rules. The wifi network is called Acme-Guest [2].')).toEqual([
      'The wifi network is called Acme-Guest.',
    ]);
    expect(splitClaims('The scanner did not find any errors.')).toEqual(['The scanner did not find any errors.']);
  });
});
