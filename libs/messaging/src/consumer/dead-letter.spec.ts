import { DEAD_LETTER_TOPIC } from '@rag/contracts';
import { KafkaMessage, Message } from 'kafkajs';
import { ProducerService } from '../producer.service';
import { sendToDeadLetter } from './dead-letter';

function recordingProducer() {
  const sent: { topic: string; messages: Message[] }[] = [];
  const producer = { send: async (topic: string, messages: Message[]) => void sent.push({ topic, messages }) };
  return { producer: producer as unknown as ProducerService, sent };
}

const message: KafkaMessage = {
  key: Buffer.from('tenant-1'),
  value: Buffer.from('{"id":"e1"}'),
  offset: '41',
  timestamp: '1700000000000',
  attributes: 0,
  headers: { 'event-type': Buffer.from('tenant.updated'), 'event-id': Buffer.from('e1') },
};

describe('sendToDeadLetter', () => {
  it('forwards the message as is, with where it came from and why it failed', async () => {
    const { producer, sent } = recordingProducer();
    const before = Date.now();
    const error = new TypeError('cannot read tenant');
    await sendToDeadLetter(
      producer,
      { topic: 'identity.events', partition: 2, consumerGroup: 'audit' },
      message,
      error,
      5,
    );
    expect(sent).toHaveLength(1);
    expect(sent[0].topic).toBe(DEAD_LETTER_TOPIC);
    const [dead] = sent[0].messages;
    expect(dead.key).toBe(message.key);
    expect(dead.value).toBe(message.value);
    const { 'dlq-failed-at': failedAt, ...headers } = dead.headers as Record<string, unknown>;
    expect(headers).toEqual({
      'event-type': message.headers!['event-type'],
      'event-id': message.headers!['event-id'],
      'dlq-original-topic': 'identity.events',
      'dlq-original-partition': '2',
      'dlq-original-offset': '41',
      'dlq-consumer-group': 'audit',
      'dlq-error': 'cannot read tenant',
      'dlq-error-name': 'TypeError',
      'dlq-attempts': '5',
    });
    expect(Date.parse(failedAt as string)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('caps the error text at 2000 characters', async () => {
    const { producer, sent } = recordingProducer();
    await sendToDeadLetter(
      producer,
      { topic: 't.events', partition: 0, consumerGroup: 'g' },
      message,
      new Error('x'.repeat(5000)),
      1,
    );
    expect((sent[0].messages[0].headers!['dlq-error'] as string).length).toBe(2000);
  });

  it('lets the failure of the send reach the caller, so the offset is not committed', async () => {
    const producer = { send: async () => Promise.reject(new Error('broker down')) } as unknown as ProducerService;
    await expect(
      sendToDeadLetter(producer, { topic: 't.events', partition: 0, consumerGroup: 'g' }, message, new Error('x'), 1),
    ).rejects.toThrow('broker down');
  });
});
