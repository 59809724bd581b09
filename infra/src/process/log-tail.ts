import { open } from 'node:fs/promises';

/** Last `lines` lines of a text file (reads at most the final 64 KiB); '' when missing. */
export async function tailFile(file: string, lines = 40): Promise<string> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return '';
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer
      .toString('utf8')
      .split('\n')
      .slice(-lines - 1)
      .join('\n')
      .trimEnd();
  } finally {
    await handle.close();
  }
}

/** Reads what was appended to a file since `offset`; returns the text and the new offset. */
export async function readFrom(file: string, offset: number): Promise<{ text: string; offset: number }> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return { text: '', offset };
  try {
    const { size } = await handle.stat();
    if (size <= offset) return { text: '', offset };
    const buffer = Buffer.alloc(size - offset);
    await handle.read(buffer, 0, buffer.length, offset);
    return { text: buffer.toString('utf8'), offset: size };
  } finally {
    await handle.close();
  }
}
