// Lookups by a key that comes from outside find own keys only (`?range=constructor` used to pass `range in
// RANGES`), and everything the console writes under its data directory is private: folders 0700, files 0600.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '@/lib/errors';
import { getContainerSeries } from '@/lib/health/service';
import { en } from '@/lib/i18n/messages/en';
import { hasMessage, translate } from '@/lib/i18n/translate';
import { msg } from '@/lib/diagnosis/messages';
import { renderText } from '@/lib/i18n/text';
import { getDb } from '@/lib/store/db';
import { makePrivateDir } from '@/lib/files/private';
import { saveUpload } from '@/lib/throughput/inputs';
import { redact } from '@/lib/web/redact';
import { useTempDataDir } from '../unit/core/temp-data';

describe('own keys only', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    '?range=%s is refused naming the field',
    async (range) => {
      const err = await getContainerSeries('no-host', 'no-container', range).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toBe('range: one of 1h, 6h, 24h, 7d, 30d');
    },
  );

  it('message catalogs and templates find no inherited names', () => {
    expect(hasMessage(en, 'errors.constructor')).toBe(false);
    expect(hasMessage(en, 'errors.__proto__')).toBe(false);
    expect(translate(en, 'x {constructor} {toString}', {})).toBe('x {constructor} {toString}');
    expect(renderText(msg('ev.logs_only'), 'en')).toMatch(/logs only/);
  });

  it('a body key named __proto__ stays a key when redacted for the audit log', () => {
    const out = redact(JSON.parse('{"__proto__": {"polluted": true}, "password": "p"}')) as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect((out as { polluted?: boolean }).polluted).toBeUndefined();
    expect(out.password).toBe('[redacted]');
  });
});

describe('modes under the data directory', () => {
  let tmp: ReturnType<typeof useTempDataDir>;
  beforeEach(() => (tmp = useTempDataDir()));
  afterEach(() => tmp.dispose());
  const mode = (p: string) => (fs.statSync(p).mode & 0o777).toString(8);

  it('the store, its WAL, the master key, uploads and run outputs: files 0600, folders 0700', async () => {
    const dir = path.join(tmp.dir, 'data');
    process.env.CONSOLE_DATA_DIR = dir;
    await getDb()
      .insertInto('settings')
      .values({ key: 'k', value: '1', updated_at: 'now' })
      .execute();
    const wav = Buffer.alloc(44 + 1600);
    wav.write('RIFF', 0, 'latin1');
    wav.writeUInt32LE(wav.length - 8, 4);
    wav.write('WAVEfmt ', 8, 'latin1');
    const saved = await saveUpload(Readable.from([wav]), 'audio', 'a.wav', 1 << 20);
    const outputs = path.join(dir, 'throughput', 'outputs', 'run-1');
    await makePrivateDir(outputs);
    const found: string[] = [];
    const walk = (p: string) => {
      const st = fs.statSync(p);
      found.push(`${path.relative(dir, p) || '.'} ${mode(p)}`);
      if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    };
    walk(dir);
    for (const entry of found) {
      const [rel, m] = entry.split(' ');
      expect(m, rel).toBe(fs.statSync(path.join(dir, rel!)).isDirectory() ? '700' : '600');
    }
    expect(found.map((f) => f.split(' ')[0])).toEqual(
      expect.arrayContaining([
        '.',
        'console.db',
        'console.db-wal',
        'console.db-shm',
        'master.key',
        'throughput/outputs/run-1',
      ]),
    );
    expect(found.some((f) => f.startsWith(`throughput/inputs/${saved.id}`))).toBe(true);
  });

  it('a data directory an older console left world-readable is tightened on open', async () => {
    const dir = path.join(tmp.dir, 'old');
    fs.mkdirSync(path.join(dir, 'throughput', 'inputs'), { recursive: true, mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    process.env.CONSOLE_DATA_DIR = dir;
    await getDb().selectFrom('users').select('id').execute();
    expect(mode(dir)).toBe('700');
    expect(mode(path.join(dir, 'console.db'))).toBe('600');
    await makePrivateDir(path.join(dir, 'throughput', 'inputs'));
    expect(mode(path.join(dir, 'throughput'))).toBe('700');
    expect(mode(path.join(dir, 'throughput', 'inputs'))).toBe('700');
  });
});
