import { EvaluationSample } from './evaluation.types';

/** Test data: a refund-policy chunk and an office-wifi chunk, and answers from faithful to invented. */
export const REFUND_CHUNK = {
  chunkId: 'chunk-refund',
  objectId: 'doc-policy',
  text: 'Customers can request a refund within 30 days of purchase. Refunds are paid back to the original payment method within 5 business days. Items bought on sale cannot be refunded.',
};

export const WIFI_CHUNK = {
  chunkId: 'chunk-wifi',
  objectId: 'doc-office',
  text: 'The office wifi network is called Acme-Guest. The wifi password changes every Monday and is posted at the reception desk.',
};

export const REFUND_QUESTION = 'How long do customers have to request a refund, and how is it paid?';

export const ANSWERS = {
  supported:
    'Customers can request a refund within 30 days of purchase [1]. The refund is paid back to the original payment method [1].',
  partly:
    'Customers can request a refund within 30 days of purchase [1]. Every refund also comes with a free gift voucher worth 20 dollars.',
  invented: 'Store credit is issued by cheque after eight weeks. A manager must sign every return form.',
  refusal: 'I could not find this in the provided sources.',
} as const;

export function refundSample(answer: string, extra: Partial<EvaluationSample> = {}): EvaluationSample {
  return { question: REFUND_QUESTION, answer, contexts: [REFUND_CHUNK, WIFI_CHUNK], ...extra };
}
