// Stored test inputs: uploads streamed to disk under a byte limit, checked by content, then kept for reuse.
// A file only becomes visible (row + final name) once it is whole and valid; anything else is deleted.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { z } from 'zod';
import { NotFoundError } from '@/lib/errors';
import { dataDir } from '@/lib/config';
import { readSetting } from '@/lib/settings/store';
import { getDb, nowIso } from '@/lib/store/db';
import { makePrivateDir } from '@/lib/files/private';
import { inspectMedia, MediaError, type InputKind, type MediaFormat } from './media-type';

export const DEFAULT_UPLOAD_LIMIT = 200 * 1024 * 1024;
export const UPLOAD_LIMIT_KEY = 'throughput.uploadLimitBytes';

export interface TestInput {
  id: string;
  kind: InputKind;
  format: MediaFormat;
  name: string;
  size: number;
  builtin: boolean;
  createdAt: string;
}

export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the file is larger than the upload limit of ${Math.round(limit / 1024 / 1024)} MB`);
    this.name = 'TooLargeError';
  }
}

export const inputsDir = (): string => path.join(dataDir(), 'throughput', 'inputs');
export const inputPath = (i: Pick<TestInput, 'id' | 'format'>): string =>
  path.join(inputsDir(), `${i.id}.${i.format}`);

export function uploadLimit(): Promise<number> {
  return readSetting(UPLOAD_LIMIT_KEY, z.number().int().positive(), DEFAULT_UPLOAD_LIMIT);
}

/** Display names only: never used as a path. */
function cleanName(name: string): string {
  const base = name
    .replace(/[\\/]/g, '_')
    .replace(/[\0-\x1f]/g, '')
    .trim()
    .slice(0, 120);
  return base || 'input';
}

const toInput = (r: {
  id: string;
  kind: string;
  format: string;
  name: string;
  size: number;
  builtin: number;
  created_at: string;
}): TestInput => ({
  id: r.id,
  kind: r.kind as InputKind,
  format: r.format as MediaFormat,
  name: r.name,
  size: r.size,
  builtin: r.builtin === 1,
  createdAt: r.created_at,
});

/**
 * Streams `body` to a temporary file, stopping as soon as it passes `limit` bytes, then checks the content.
 * Whatever fails (limit, abort of the request, bad content) deletes the temporary file before throwing.
 */
export async function saveUpload(
  body: Readable,
  kind: InputKind,
  name: string,
  limit: number,
  builtin = false,
): Promise<TestInput> {
  await makePrivateDir(inputsDir());
  const id = randomUUID();
  const part = path.join(inputsDir(), `.${id}.part`);
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      cb(seen > limit ? new TooLargeError(limit) : null, chunk);
    },
  });
  try {
    await pipeline(body, counter, fs.createWriteStream(part, { flags: 'wx', mode: 0o600 }));
    const media = await inspectMedia(part, kind);
    const input: TestInput = {
      id,
      kind,
      format: media.format,
      name: cleanName(name),
      size: media.size,
      builtin,
      createdAt: nowIso(),
    };
    await fsp.rename(part, inputPath(input));
    await getDb()
      .insertInto('throughput_inputs')
      .values({
        id,
        kind,
        format: input.format,
        name: input.name,
        size: input.size,
        builtin: builtin ? 1 : 0,
        created_at: input.createdAt,
      })
      .execute();
    return input;
  } catch (err) {
    await fsp.rm(part, { force: true });
    throw err;
  }
}

export async function listInputs(): Promise<TestInput[]> {
  return (
    await getDb()
      .selectFrom('throughput_inputs')
      .selectAll()
      .orderBy('created_at', 'desc')
      .execute()
  ).map(toInput);
}

export async function getInput(id: string): Promise<TestInput> {
  const row = await getDb()
    .selectFrom('throughput_inputs')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`no test input ${id}`);
  return toInput(row);
}

export async function deleteInput(id: string): Promise<void> {
  const input = await getInput(id);
  await getDb().deleteFrom('throughput_inputs').where('id', '=', id).execute();
  await fsp.rm(inputPath(input), { force: true });
}

export { MediaError };
