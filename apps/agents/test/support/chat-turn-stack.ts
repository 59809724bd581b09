import { randomUUID } from 'node:crypto';
import { AppProcess, startApp } from '@rag/testing';
import { json, Reply } from '../../../../libs/llm/src/fake-llm-server';
import { Call, SYSTEM_KEY } from '../../../gateway/test/support/stack';
import { TestTenant } from '../../../gateway/test/support/tenants';
import { corpusFile, createDataSource, upload, waitForStatus } from '../../../ingestion/test/support/ingestion-client';
import { IngestionStack, startIngestionStack } from '../../../ingestion/test/support/ingestion-stack';

export interface ChatTurnStack extends IngestionStack {
  chat: AppProcess;
  agents: AppProcess;
  /** Only with `{ evaluation: true }`. */
  evaluation?: AppProcess;
  /** Only with `{ compliance: true }`. */
  compliance?: AppProcess;
}

/** Runs answer fast in tests: short provider timeouts, quick retries and take-overs. */
export const TEST_AGENTS_ENV = {
  LLM_TIMEOUT_MS: '1500',
  AGENT_RETRY_BASE_MS: '100',
  AGENT_MAX_ATTEMPTS: '2',
  AGENT_HEARTBEAT_TIMEOUT_MS: '1500',
  AGENT_POLL_INTERVAL_MS: '200',
  AGENT_CONTEXT_MESSAGES: '4',
  AGENT_SUMMARY_BATCH: '4',
};

/** Identity, audit, ingestion, chat, agents (and with `evaluation`, the evaluation app) behind a gateway. */
export async function startChatTurnStack(
  agentsEnv: Record<string, string> = {},
  options: {
    evaluation?: boolean;
    evaluationEnv?: Record<string, string>;
    compliance?: boolean;
    complianceEnv?: Record<string, string>;
  } = {},
): Promise<ChatTurnStack> {
  let chat!: AppProcess;
  let agents!: AppProcess;
  let evaluation: AppProcess | undefined;
  let compliance: AppProcess | undefined;
  const stack = await startIngestionStack({}, async ({ identity, ingestion, blobEnv }) => {
    chat = await startApp('chat');
    const services = { CHAT_URL: chat.url, INGESTION_URL: ingestion.url, IDENTITY_URL: identity.url };
    agents = await startApp('agents', { ...services, ...TEST_AGENTS_ENV, ...agentsEnv });
    if (options.evaluation) {
      evaluation = await startApp('evaluation', {
        ...services,
        ...blobEnv,
        AGENTS_URL: agents.url,
        EVALUATION_HEARTBEAT_TIMEOUT_MS: '2000',
        ...options.evaluationEnv,
      });
    }
    if (options.compliance) {
      compliance = await startApp('compliance', {
        IDENTITY_URL: identity.url,
        CHAT_URL: chat.url,
        COMPLIANCE_SWEEP_MS: '300',
        ...options.complianceEnv,
      });
    }
    const optional = [evaluation, compliance].filter((app): app is AppProcess => app !== undefined);
    return {
      apps: [...optional, agents, chat],
      gatewayEnv: {
        CHAT_URL: chat.url,
        AGENTS_URL: agents.url,
        ...(evaluation ? { EVALUATION_URL: evaluation.url } : {}),
        ...(compliance ? { COMPLIANCE_URL: compliance.url } : {}),
      },
    };
  });
  return Object.assign(stack, { chat, agents, evaluation, compliance });
}

/** Uploads corpus files into a new data source of the tenant and waits until they are indexed. */
export async function ingestCorpus(
  stack: IngestionStack,
  tenant: TestTenant,
  files: string[],
): Promise<Map<string, string>> {
  const key = tenant.adminKey.key;
  const sourceId = await createDataSource(stack.call, key, 'text', { chunking: { chunkSize: 400, chunkOverlap: 60 } });
  const objectIds = new Map<string, string>();
  for (const file of files) {
    const answer = await upload(
      stack.gateway.url,
      key,
      { dataSourceId: sourceId },
      { body: await corpusFile(file), filename: file },
    );
    if (answer.status !== 201) throw new Error(`upload ${file}: ${answer.status}`);
    objectIds.set(file, answer.body.id);
  }
  for (const [file, id] of objectIds) {
    const done = await waitForStatus(stack.call, key, id, ['indexed', 'failed']);
    if (done.status !== 'indexed') throw new Error(`${file} ended ${done.status}`);
  }
  return objectIds;
}

/**
 * Registers an OpenAI-compatible provider at `primaryUrl` and an Anthropic one at `secondaryUrl`
 * (keys from FAKE_LLM_KEY, which the agents app must have) and makes them the tenant's priority order.
 */
export async function useFakeProviders(
  call: Call,
  tenant: TestTenant,
  primaryUrl: string,
  secondaryUrl: string,
): Promise<{ openAi: string; anthropic: string }> {
  const suffix = randomUUID().slice(0, 8);
  const register = async (body: object) => {
    const answer = await call<{ id: string }>('POST', '/v1/llm/providers', { key: SYSTEM_KEY, body });
    if (answer.status !== 201) throw new Error(`POST /v1/llm/providers: ${answer.status}`);
    return answer.body.id;
  };
  const names = { openAi: `openai-${suffix}`, anthropic: `anthropic-${suffix}` };
  const openAi = await register({
    name: names.openAi,
    type: 'openai-compatible',
    baseUrl: `${primaryUrl}/v1`,
    credentialsRef: 'FAKE_LLM_KEY',
  });
  const anthropic = await register({
    name: names.anthropic,
    type: 'anthropic',
    baseUrl: secondaryUrl,
    credentialsRef: 'FAKE_LLM_KEY',
  });
  const configured = await call('PUT', '/v1/llm/config', {
    key: tenant.adminKey.key,
    body: {
      providers: [
        { providerId: openAi, modelName: 'gpt-test' },
        { providerId: anthropic, modelName: 'claude-test' },
      ],
    },
  });
  if (configured.status !== 200) throw new Error(`PUT /v1/llm/config: ${configured.status}`);
  return names;
}

/** An OpenAI chat completion answering `text`. */
export const openAiAnswer = (text: string) =>
  json(200, {
    id: 'chatcmpl-1',
    model: 'gpt-test',
    choices: [{ message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 120, completion_tokens: 12 },
  });

/** An Anthropic message answering `text`. */
export const anthropicAnswer = (text: string) =>
  json(200, {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-test',
    content: [{ type: 'text', text }],
    stop_reason: 'end_turn',
    usage: { input_tokens: 150, output_tokens: 10 },
  });

/** `reply` after `ms`. */
export const delayed =
  (ms: number, reply: Reply): Reply =>
  (request, response) =>
    void setTimeout(() => reply(request, response), ms);
