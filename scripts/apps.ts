import { AppDatabase } from '@rag/database';
import { agentsDatabase } from '../apps/agents/src/agents.database';
import { auditDatabase } from '../apps/audit/src/audit.database';
import { chatDatabase } from '../apps/chat/src/chat.database';
import { complianceDatabase } from '../apps/compliance/src/compliance.database';
import { evaluationDatabase } from '../apps/evaluation/src/evaluation.database';
import { identityDatabase } from '../apps/identity/src/identity.database';
import { ingestionDatabase } from '../apps/ingestion/src/ingestion.database';

/** Every app the platform runs: its entry point, port variable and database. */
export interface PlatformApp {
  name: string;
  main: string;
  portVariable: string;
  defaultPort: number;
  database?: AppDatabase;
}

export const PLATFORM_APPS: PlatformApp[] = [
  {
    name: 'identity',
    main: 'apps/identity/src/main.ts',
    portVariable: 'IDENTITY_PORT',
    defaultPort: 3101,
    database: identityDatabase,
  },
  {
    name: 'ingestion',
    main: 'apps/ingestion/src/main.ts',
    portVariable: 'INGESTION_PORT',
    defaultPort: 3102,
    database: ingestionDatabase,
  },
  {
    name: 'chat',
    main: 'apps/chat/src/main.ts',
    portVariable: 'CHAT_PORT',
    defaultPort: 3103,
    database: chatDatabase,
  },
  {
    name: 'agents',
    main: 'apps/agents/src/main.ts',
    portVariable: 'AGENTS_PORT',
    defaultPort: 3104,
    database: agentsDatabase,
  },
  {
    name: 'evaluation',
    main: 'apps/evaluation/src/main.ts',
    portVariable: 'EVALUATION_PORT',
    defaultPort: 3105,
    database: evaluationDatabase,
  },
  {
    name: 'compliance',
    main: 'apps/compliance/src/main.ts',
    portVariable: 'COMPLIANCE_PORT',
    defaultPort: 3106,
    database: complianceDatabase,
  },
  {
    name: 'audit',
    main: 'apps/audit/src/main.ts',
    portVariable: 'AUDIT_PORT',
    defaultPort: 3107,
    database: auditDatabase,
  },
  // Stateless: no database. Started last, once the services it forwards to answer.
  { name: 'gateway', main: 'apps/gateway/src/main.ts', portVariable: 'GATEWAY_PORT', defaultPort: 3000 },
];
