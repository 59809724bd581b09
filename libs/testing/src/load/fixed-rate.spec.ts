import { runAtFixedRate } from './fixed-rate';

describe('runAtFixedRate', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends at the rate whether or not earlier sends have answered', async () => {
    const sent: number[] = [];
    const run = runAtFixedRate(10, 100, async (seq) => {
      sent.push(seq);
      await new Promise(() => undefined); // never answers
    });
    await jest.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(run.dropped).toBe(0);
  });

  it('drops and counts what is due beyond maxInFlight outstanding sends', async () => {
    const answers: (() => void)[] = [];
    const run = runAtFixedRate(10, 2, () => new Promise<void>((resolve) => answers.push(resolve)));
    await jest.advanceTimersByTimeAsync(1000);
    expect(answers).toHaveLength(2);
    expect(run.dropped).toBe(9);
    answers.forEach((answer) => answer());
    const stopped = run.stop();
    await jest.advanceTimersByTimeAsync(0);
    await stopped;
  });

  it('waits on stop for the sends still outstanding, and sends no more', async () => {
    let answer!: () => void;
    let sends = 0;
    const run = runAtFixedRate(1, 10, () => {
      sends += 1;
      return new Promise<void>((resolve) => (answer = resolve));
    });
    let stopped = false;
    const stopping = run.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(5000);
    expect(stopped).toBe(false);
    answer();
    await stopping;
    expect(sends).toBe(1);
  });

  it('refuses a rate or a bound that is not positive', () => {
    expect(() => runAtFixedRate(0, 1, async () => undefined)).toThrow('must be positive');
    expect(() => runAtFixedRate(1, 0, async () => undefined)).toThrow('must be positive');
  });
});
