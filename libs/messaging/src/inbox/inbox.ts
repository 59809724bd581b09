import { EntityManager } from 'typeorm';

/**
 * Records that `consumerGroup` handled `eventId`, in the caller's transaction. Returns false
 * when it already had: the caller skips its effect, so a redelivered event changes nothing.
 */
export async function claimEvent(manager: EntityManager, consumerGroup: string, eventId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO processed_events (consumer_group, event_id) VALUES ($1, $2)
     ON CONFLICT DO NOTHING RETURNING event_id`,
    [consumerGroup, eventId],
  );
  return rows.length === 1;
}
