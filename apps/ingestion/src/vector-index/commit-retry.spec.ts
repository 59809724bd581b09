import { retryCommitConflicts } from './commit-retry';

describe('retryCommitConflicts', () => {
  it('runs a conflicting write again until it commits', async () => {
    const write = jest
      .fn<Promise<string>, []>()
      .mockRejectedValueOnce(new Error('Retryable commit conflict for version 7: This Merge transaction was preempted'))
      .mockRejectedValueOnce(new Error('Commit conflict for version 8'))
      .mockRejectedValueOnce(
        new Error(
          'Incompatible transaction: This Update transaction is incompatible with concurrent transaction Overwrite at version 2.',
        ),
      )
      .mockResolvedValueOnce('committed');
    await expect(retryCommitConflicts(write, 4, 1)).resolves.toBe('committed');
    expect(write).toHaveBeenCalledTimes(4);
  });

  it('gives up after the last attempt', async () => {
    const write = jest.fn<Promise<void>, []>().mockRejectedValue(new Error('Commit conflict for version 3'));
    await expect(retryCommitConflicts(write, 3, 1)).rejects.toThrow('Commit conflict');
    expect(write).toHaveBeenCalledTimes(3);
  });

  it('does not retry other errors', async () => {
    const write = jest.fn<Promise<void>, []>().mockRejectedValue(new Error('Schema mismatch'));
    await expect(retryCommitConflicts(write, 3, 1)).rejects.toThrow('Schema mismatch');
    expect(write).toHaveBeenCalledTimes(1);
  });
});
