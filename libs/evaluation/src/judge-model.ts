import { ChatMessage } from '@rag/llm';

/** The model an LlmJudge asks; adapt any LlmProvider (or a fallback chain) to it. Errors it throws pass through the judge. */
export interface JudgeModel {
  /** Names the model in the judge's name (`llm:<label>`), e.g. "openai/gpt-4o-mini". */
  readonly label: string;
  /** The completion's text. */
  complete(messages: ChatMessage[], signal?: AbortSignal): Promise<string>;
}
