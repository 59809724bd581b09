import { setTimeout as delay } from 'node:timers/promises';
import { KeyedMutex } from './keyed-mutex';

describe('KeyedMutex', () => {
  it('runs the tasks of one key one at a time, in call order', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await delay(ms);
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([
      mutex.run('t', task('a', 30)),
      mutex.run('t', task('b', 1)),
      mutex.run('t', task('c', 1)),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('runs different keys side by side', async () => {
    const mutex = new KeyedMutex();
    let running = 0;
    let most = 0;
    const task = async () => {
      most = Math.max(most, ++running);
      await delay(20);
      running--;
    };
    await Promise.all([mutex.run('a', task), mutex.run('b', task), mutex.run('c', task)]);
    expect(most).toBe(3);
  });

  it('goes on after a failed task, which fails only its own caller', async () => {
    const mutex = new KeyedMutex();
    const failed = mutex.run('t', () => Promise.reject(new Error('boom')));
    const next = mutex.run('t', async () => 'next');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });

  it('idle waits for queued tasks', async () => {
    const mutex = new KeyedMutex();
    let done = 0;
    void mutex.run('t', async () => {
      await delay(20);
      done++;
    });
    void mutex.run('u', async () => {
      await delay(10);
      done++;
    });
    await mutex.idle();
    expect(done).toBe(2);
    await mutex.idle();
  });
});
