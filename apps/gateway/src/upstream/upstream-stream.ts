import { ClientRequest, IncomingMessage } from 'node:http';

/** No answer (not even its head) within the deadline. */
export class StreamTimeout extends Error {}

/**
 * The head of an answer within `timeoutMs`, its body left unread (a stream). As for buffered
 * calls, a pooled connection the service closed while idle (ECONNRESET before any answer) is
 * retried once.
 */
export async function openResponse(open: () => ClientRequest, timeoutMs: number): Promise<IncomingMessage> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await headOf(open(), deadline - Date.now());
    } catch (error) {
      const stale = (error as { staleSocket?: boolean }).staleSocket === true;
      if (!stale || attempt > 1) throw error;
    }
  }
}

function headOf(outgoing: ClientRequest, timeoutMs: number): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => {
        reject(new StreamTimeout());
        outgoing.destroy();
      },
      Math.max(0, timeoutMs),
    );
    outgoing.on('error', (error: Error & { code?: string }) => {
      clearTimeout(timer);
      reject(Object.assign(error, { staleSocket: outgoing.reusedSocket && error.code === 'ECONNRESET' }));
    });
    outgoing.on('response', (response: IncomingMessage) => {
      clearTimeout(timer);
      resolve(response);
    });
    outgoing.end();
  });
}

/** The rest of an answer as text (an error answered instead of a stream), within `timeoutMs`. */
export function readText(response: IncomingMessage, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const timer = setTimeout(
      () => {
        reject(new StreamTimeout());
        response.destroy();
      },
      Math.max(0, timeoutMs),
    );
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    response.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}
