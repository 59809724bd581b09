import { TokenUsage } from './llm-provider';

/** US dollars per million tokens. */
export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

/** The cost of one completion in US dollars; 0 when the price is unknown. */
export function costUsd(
  usage: Pick<TokenUsage, 'inputTokens' | 'outputTokens'>,
  price: ModelPrice | undefined,
): number {
  if (!price) return 0;
  return (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1_000_000;
}
