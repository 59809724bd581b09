import { Injectable } from '@nestjs/common';
import { ChatContextView, SearchHitView } from '@rag/api';
import { citedSourceNumbers, costUsd, NOT_FOUND_ANSWER } from '@rag/llm';
import { ServiceCallError } from '@rag/http';
import { AgentsEnv } from '../agents.env';
import { ChatClient } from '../clients/chat.client';
import { IdentityClient } from '../clients/identity.client';
import { IngestionClient } from '../clients/ingestion.client';
import { TenantModels } from '../llm-config/tenant-models';
import { Agent, RunContext, RunResult } from './agent';
import { AgentRun, PendingReply } from './agent-run.entity';
import { buildChatTurnPrompt } from './chat-turn-prompt';
import { RunError } from './run-error';
import { SummaryScheduler } from './summary-scheduler';

/** The provider recorded when nothing relevant was retrieved and no model was asked. */
const NO_SOURCES = 'none';

/**
 * Answers a user message: its session's context from chat, top-k chunks from ingestion, the
 * tenant's models in priority order, the reply (with the chunks it cites) appended through chat.
 * With nothing relevant retrieved it answers that it found nothing, without asking a model.
 */
@Injectable()
export class RagAnswerAgent implements Agent {
  readonly type = 'rag-answer' as const;

  constructor(
    private readonly env: AgentsEnv,
    private readonly chat: ChatClient,
    private readonly ingestion: IngestionClient,
    private readonly identity: IdentityClient,
    private readonly models: TenantModels,
    private readonly summaries: SummaryScheduler,
  ) {}

  async run({ run, signal, steps, checkpoint }: RunContext): Promise<RunResult> {
    const messageId = run.metadata.trigger?.messageId;
    if (!run.sessionId || !messageId) throw new RunError('invalid_run', 'the run names no user message', false);
    const context = await steps
      .time(
        'context',
        () => this.chat.context(run.tenantId, run.sessionId!, messageId, this.env.AGENT_CONTEXT_MESSAGES, signal),
        (result) => ({ historyMessages: result.history.length, messageCount: result.messageCount }),
      )
      .catch(sessionGone);
    const reply = run.metadata.checkpoint ?? (await this.answer(run, context, { signal, steps }));
    if (!run.metadata.checkpoint) await checkpoint(reply);
    const appended = await steps
      .time(
        'reply',
        () =>
          this.chat.appendReply(
            run.tenantId,
            run.sessionId!,
            messageId,
            { runId: run.id, content: reply.content, references: reply.references },
            signal,
          ),
        (message) => ({ messageId: message.id, references: reply.references.length }),
      )
      .catch(sessionGone);
    return {
      provider: reply.provider,
      model: reply.model,
      inputTokens: reply.inputTokens,
      outputTokens: reply.outputTokens,
      costUsd: reply.costUsd,
      latencyMs: Math.max(0, Date.now() - new Date(context.question.createdAt).getTime()),
      replyMessageId: appended.id,
      sessionMessages: context.messageCount + 1,
      providerFailures: reply.providerFailures,
    };
  }

  async afterSuccess(run: AgentRun, result: RunResult): Promise<void> {
    if (result.sessionMessages !== undefined) await this.summaries.considerSummary(run, result.sessionMessages);
  }

  private async answer(
    run: AgentRun,
    context: ChatContextView,
    { signal, steps }: Pick<RunContext, 'signal' | 'steps'>,
  ): Promise<PendingReply> {
    const question = context.question.content;
    const found = await steps.time(
      'retrieval',
      () => this.ingestion.search(run.tenantId, question, this.env.AGENT_RETRIEVAL_K, signal),
      (result) => ({
        model: result.model,
        hits: result.items.map((hit) => ({ chunkId: hit.chunkId, score: hit.score })),
      }),
    );
    const passages = found.items.filter((hit) => this.relevant(hit));
    if (passages.length === 0) {
      steps.add('prompt', 0, { passages: 0 });
      return {
        content: NOT_FOUND_ANSWER,
        references: [],
        provider: NO_SOURCES,
        model: NO_SOURCES,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
        modelMs: 0,
        providerFailures: [],
      };
    }
    const messages = await steps.time(
      'prompt',
      async () =>
        buildChatTurnPrompt({
          question,
          passages: passages.map((hit) => ({ id: hit.chunkId, text: hit.text })),
          sessionSystemPrompt: context.session.systemPrompt,
          summary: context.session.summary,
          history: context.history,
        }),
      (built) => ({ passages: passages.length, messages: built.length }),
    );
    if (await steps.time('quota', () => this.identity.tokensExhausted(run.tenantId, signal))) {
      throw new RunError('quota_exceeded', "the tenant's daily tokens quota is used up", false);
    }
    const chainSteps = await this.models.stepsFor(run.tenantId);
    const started = performance.now();
    const { completion, attempts } = await this.models.chain.complete(chainSteps, messages, {
      signal,
      timeoutMs: this.env.LLM_TIMEOUT_MS,
    });
    const modelMs = performance.now() - started;
    const { inputTokens, outputTokens } = completion.usage;
    const cost = costUsd(
      completion.usage,
      this.env.LLM_PRICES[completion.model] ?? this.env.LLM_PRICES[attempts.at(-1)!.model],
    );
    steps.add('model', modelMs, {
      provider: completion.provider,
      model: completion.model,
      inputTokens,
      outputTokens,
      estimatedTokens: completion.usage.estimated ?? false,
      attempts: attempts.map((attempt) => ({
        provider: attempt.provider,
        model: attempt.model,
        durationMs: Math.round(attempt.durationMs),
        error: attempt.error?.kind ?? null,
      })),
    });
    const references = citedSourceNumbers(completion.text)
      .filter((number) => number >= 1 && number <= passages.length)
      .map((number) => {
        const hit = passages[number - 1];
        return { citation: number, chunkId: hit.chunkId, objectId: hit.objectId, url: hit.url, score: hit.score };
      });
    return {
      content: completion.text,
      references,
      provider: completion.provider,
      model: completion.model,
      inputTokens,
      outputTokens,
      costUsd: cost,
      modelMs: Math.round(modelMs),
      providerFailures: attempts.filter((attempt) => attempt.error),
    };
  }

  private relevant(hit: SearchHitView): boolean {
    return (hit.keywordMatches ?? 0) > 0 || (hit.vectorScore ?? -1) >= this.env.AGENT_MIN_VECTOR_SCORE;
  }
}

/** The session or the message is gone (erased, or never this tenant's): nothing to answer, ever. */
function sessionGone(error: unknown): never {
  if (error instanceof ServiceCallError && error.status === 404) {
    throw new RunError('session_not_found', error.message, false);
  }
  throw error;
}
