import { v5 as uuidV5 } from 'uuid';

// Fixed namespaces: changing one would orphan every run and reply already derived from it.
const RAG_ANSWER_RUN_NAMESPACE = '6f1d3c2a-8b4e-5a07-9c61-2d5e8f0a7b13';
const REPLY_MESSAGE_NAMESPACE = 'a83e5b90-1c27-5d4f-8e6a-4b0c9d2f7e51';

/**
 * The ids of a chat turn are derived from the user message, so that chat can name the run and
 * the reply before they exist (the client polls or waits on them) and a redelivered event or a
 * retried run can only ever produce the same run and the same single reply.
 */
export function ragAnswerRunId(userMessageId: string): string {
  return uuidV5(userMessageId.toLowerCase(), RAG_ANSWER_RUN_NAMESPACE);
}

export function replyMessageId(userMessageId: string): string {
  return uuidV5(userMessageId.toLowerCase(), REPLY_MESSAGE_NAMESPACE);
}
