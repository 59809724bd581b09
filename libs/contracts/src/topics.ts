/**
 * Topic names are permanent: consumers, dead-letter replays and the audit trail depend on them.
 * Add a topic for a new owning service; never rename one.
 */
export const TOPICS = {
  identity: 'identity.events',
  ingestion: 'ingestion.events',
  chat: 'chat.events',
  agents: 'agents.events',
  evaluation: 'evaluation.events',
  compliance: 'compliance.events',
  gateway: 'gateway.events',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

/** Every domain-event topic matches this; the audit app subscribes by it. */
export const EVENT_TOPIC_PATTERN = /^[a-z][a-z0-9-]*\.events$/;

/** Messages that a consumer could not process after bounded retries. */
export const DEAD_LETTER_TOPIC = 'platform.dead-letter';

export function topicForSource(source: string): string {
  return `${source}.events`;
}
