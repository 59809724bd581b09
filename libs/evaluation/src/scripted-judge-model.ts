import { ChatMessage } from '@rag/llm';
import { JudgeModel } from './judge-model';

export interface ScriptedReplies {
  claims: string;
  verdicts: string;
  questions: string;
}

/** Test double: answers each judge prompt, recognised by its system message, with a fixed reply. */
export class ScriptedJudgeModel implements JudgeModel {
  readonly label = 'scripted';
  readonly calls: ChatMessage[][] = [];

  constructor(private readonly replies: ScriptedReplies) {}

  complete(messages: ChatMessage[]): Promise<string> {
    this.calls.push(messages);
    const system = messages[0]?.content ?? '';
    if (system.startsWith('You break an answer into its claims')) return Promise.resolve(this.replies.claims);
    if (system.startsWith('You check claims')) return Promise.resolve(this.replies.verdicts);
    if (system.startsWith('You write')) return Promise.resolve(this.replies.questions);
    return Promise.reject(new Error(`unexpected prompt: ${system.slice(0, 60)}`));
  }
}
