import { Injectable } from '@nestjs/common';
import { buildSummaryPrompt, costUsd, SummaryTurn } from '@rag/llm';
import { AgentsEnv } from '../agents.env';
import { ChatClient } from '../clients/chat.client';
import { TenantModels } from '../llm-config/tenant-models';
import { Agent, RunContext, RunResult } from './agent';
import { RunError } from './run-error';
import { SummaryScheduler } from './summary-scheduler';

/** The most messages one run folds into the summary; a longer backlog takes several runs. */
const MAX_MESSAGES_PER_RUN = 500;

/**
 * Folds the messages that fell out of the context window into the session's rolling summary: the
 * previous summary and those messages go to the tenant's models, the result is stored in chat.
 */
@Injectable()
export class SummarizeSessionAgent implements Agent {
  readonly type = 'summarize-session' as const;

  constructor(
    private readonly env: AgentsEnv,
    private readonly chat: ChatClient,
    private readonly models: TenantModels,
    private readonly summaries: SummaryScheduler,
  ) {}

  async run({ run, signal, steps }: RunContext): Promise<RunResult> {
    const target = run.metadata.summaryTarget;
    if (!run.sessionId || target === undefined)
      throw new RunError('invalid_run', 'the run names no session target', false);
    const previous = await this.summaries.coverage(run.tenantId, run.sessionId);
    const count = Math.min(MAX_MESSAGES_PER_RUN, target - previous.coveredCount);
    const started = Date.now();
    if (count <= 0) return { ...nothingUsed, latencyMs: 0, summary: previous };
    const [session, page] = await steps.time(
      'context',
      () =>
        Promise.all([
          this.chat.session(run.tenantId, run.sessionId!, signal),
          this.chat.messages(run.tenantId, run.sessionId!, previous.cursor, count, signal),
        ]),
      ([, messages]) => ({ messages: messages.items.length }),
    );
    const turns: SummaryTurn[] = page.items.flatMap((message) =>
      message.role === 'user' || message.role === 'assistant' ? [{ role: message.role, content: message.content }] : [],
    );
    const chainSteps = await this.models.stepsFor(run.tenantId);
    const { completion, attempts } = await steps.time(
      'model',
      () =>
        this.models.chain.complete(chainSteps, buildSummaryPrompt(session.summary, turns), {
          signal,
          timeoutMs: this.env.LLM_TIMEOUT_MS,
        }),
      (result) => ({
        provider: result.completion.provider,
        model: result.completion.model,
        ...result.completion.usage,
      }),
    );
    await steps.time('store', () =>
      this.chat.setSummary(run.tenantId, run.sessionId!, completion.text.slice(0, 20_000), signal),
    );
    return {
      provider: completion.provider,
      model: completion.model,
      inputTokens: completion.usage.inputTokens,
      outputTokens: completion.usage.outputTokens,
      costUsd: costUsd(completion.usage, this.env.LLM_PRICES[completion.model]),
      latencyMs: Date.now() - started,
      summary: { coveredCount: previous.coveredCount + page.items.length, cursor: page.nextCursor },
      providerFailures: attempts.filter((attempt) => attempt.error),
    };
  }
}

const nothingUsed = {
  provider: 'none',
  model: 'none',
  inputTokens: 0,
  outputTokens: 0,
  costUsd: 0,
  providerFailures: [],
};
