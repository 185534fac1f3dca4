import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFile, mkdtemp, rename, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readNewLines } from '@/lib/logs/file-reader';
import type { LogCursor } from '@/lib/logs/log-stream';
import { SignatureScanner } from '@/lib/diagnosis/scanner';
import { QUEUE_FULL_MSG, heygem } from './real-lines';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dh-logs-'));
  file = path.join(dir, 'dh.log');
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const qf = (task: string, sec = 34) =>
  heygem(`2025-03-23 23:13:${String(sec).padStart(2, '0')}`, task, QUEUE_FULL_MSG, 'ERROR');

/** One reader round, as a probe does: returns the lines seen and the cursor to keep. */
async function round(cursor: LogCursor | null, opts = {}) {
  const lines: string[] = [];
  const r = await readNewLines(file, cursor, (l) => lines.push(l), {
    initialTailBytes: Infinity,
    ...opts,
  });
  return { lines, ...r };
}

describe('incremental log reader', () => {
  it('reads only what was appended since the last round', async () => {
    await writeFile(file, `${qf('1')}\n${qf('2')}\n`);
    const a = await round(null);
    expect(a.lines).toEqual([qf('1'), qf('2')]);
    await appendFile(file, `${qf('3')}\n`);
    const b = await round(a.cursor);
    expect(b.decision.kind).toBe('continue');
    expect(b.lines).toEqual([qf('3')]);
    expect(b.bytesRead).toBe(Buffer.byteLength(`${qf('3')}\n`));
    const c = await round(b.cursor);
    expect(c.lines).toEqual([]);
    expect(c.bytesRead).toBe(0);
  });

  it('holds back a line whose newline has not been written yet', async () => {
    const line = qf('7');
    await writeFile(file, line.slice(0, 40));
    const a = await round(null);
    expect(a.lines).toEqual([]);
    await appendFile(file, `${line.slice(40)}\r\n`);
    expect((await round(a.cursor)).lines).toEqual([line]);
  });

  it('does not split a UTF-8 character cut between two read chunks', async () => {
    await writeFile(file, `${qf('8')}\n`.repeat(20));
    const a = await round(null, { chunkBytes: 7 });
    expect(a.lines).toEqual(Array(20).fill(qf('8')));
  });

  it('starts over when the file is replaced (rename rotation)', async () => {
    await writeFile(file, `${qf('1')}\n`);
    const a = await round(null);
    await rename(file, `${file}.1`);
    await writeFile(file, `${qf('2')}\n`);
    const b = await round(a.cursor);
    expect(b.decision.kind).toBe('rotated');
    expect(b.lines).toEqual([qf('2')]);
  });

  it('starts over when the file is truncated (copytruncate), even once it has grown past the old offset', async () => {
    await writeFile(file, `${qf('1')}\n`);
    const a = await round(null);
    await truncate(file, 0);
    await appendFile(file, `${qf('2')}\n${qf('3')}\n`); // longer than before: only the head hash tells
    const b = await round(a.cursor);
    expect(b.decision.kind).toBe('rotated');
    expect(b.lines).toEqual([qf('2'), qf('3')]);
  });

  it('rejoins a line cut in the middle by rotation and counts its hit once', async () => {
    const cut = qf('1234', 50);
    const at = cut.indexOf('严重');
    await writeFile(file, `${qf('1')}\n${cut.slice(0, at)}`);
    const scanner = new SignatureScanner();
    const a = await readNewLines(file, null, (l) => scanner.feed(l), {
      initialTailBytes: Infinity,
    });
    await rename(file, `${file}.1`);
    await writeFile(file, `${cut.slice(at)}\n${qf('5')}\n`);
    const b = await readNewLines(file, a.cursor, (l) => scanner.feed(l));
    expect(b.decision.kind).toBe('rotated');
    expect(scanner.summary().queue_full).toMatchObject({ count: 3, taskIds: ['1', '1234', '5'] });
  });

  it('keeps a cut line separate when the new file starts a line of its own', async () => {
    await writeFile(
      file,
      `${qf('1')}\n[2025-03-23 23:13:35] [process.py[line:108]] [INFO] [[2]half`,
    );
    const a = await round(null);
    await rename(file, `${file}.1`);
    await writeFile(file, `${qf('3')}\n`);
    const b = await round(a.cursor);
    expect(b.lines).toEqual([
      '[2025-03-23 23:13:35] [process.py[line:108]] [INFO] [[2]half',
      qf('3'),
    ]);
  });

  it('reads only the tail of a file it has never seen, starting at a whole line', async () => {
    await writeFile(file, Array.from({ length: 1000 }, (_, i) => qf(String(i))).join('\n') + '\n');
    const a = await round(null, { initialTailBytes: 1000 });
    expect(a.bytesRead).toBe(1001);
    expect(a.lines.length).toBeGreaterThan(0);
    expect(a.lines.at(-1)).toBe(qf('999'));
    for (const l of a.lines) expect(l).toMatch(/^\[2025-03-23 23:13:34\]/);
  });

  it('keeps the first tail line when the tail starts exactly at a line start', async () => {
    const line = `${qf('1')}\n`;
    await writeFile(file, line.repeat(10));
    const a = await round(null, { initialTailBytes: Buffer.byteLength(line) * 3 });
    expect(a.lines).toEqual([qf('1'), qf('1'), qf('1')]);
  });

  it('carries the unfinished line in the cursor, so a new reader instance continues it', async () => {
    await writeFile(file, `${qf('1')}\n${qf('2').slice(0, 30)}`);
    const a = await round(null);
    const saved = JSON.parse(JSON.stringify(a.cursor)) as LogCursor;
    await appendFile(file, `${qf('2').slice(30)}\n`);
    expect((await round(saved)).lines).toEqual([qf('2')]);
  });
});
