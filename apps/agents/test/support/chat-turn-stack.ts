import { AppProcess, startApp } from '@rag/testing';
import { TestTenant } from '../../../gateway/test/support/tenants';
import { corpusFile, createDataSource, upload, waitForStatus } from '../../../ingestion/test/support/ingestion-client';
import { IngestionStack, startIngestionStack } from '../../../ingestion/test/support/ingestion-stack';

export interface ChatTurnStack extends IngestionStack {
  chat: AppProcess;
  agents: AppProcess;
  /** Only with `{ evaluation: true }`. */
  evaluation?: AppProcess;
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
  options: { evaluation?: boolean; evaluationEnv?: Record<string, string> } = {},
): Promise<ChatTurnStack> {
  let chat!: AppProcess;
  let agents!: AppProcess;
  let evaluation: AppProcess | undefined;
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
    return {
      apps: [...(evaluation ? [evaluation] : []), agents, chat],
      gatewayEnv: {
        CHAT_URL: chat.url,
        AGENTS_URL: agents.url,
        ...(evaluation ? { EVALUATION_URL: evaluation.url } : {}),
      },
    };
  });
  return Object.assign(stack, { chat, agents, evaluation });
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
