// The built-in test pair, made on the console's machine with ffmpeg (Debian package `ffmpeg`): four seconds of a
// 220 Hz tone and a 320x240 test pattern. Generated once, then stored like an upload (same content checks).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { getDb } from '@/lib/store/db';
import { listInputs, saveUpload, type TestInput } from './inputs';

const execFileP = promisify(execFile);
const FF = ['-hide_banner', '-loglevel', 'error', '-y'];

let making: Promise<{ audio: TestInput; video: TestInput }> | null = null;

async function make(): Promise<{ audio: TestInput; video: TestInput }> {
  const existing = await listInputs();
  const audio = existing.find((i) => i.builtin && i.kind === 'audio');
  const video = existing.find((i) => i.builtin && i.kind === 'video');
  if (audio && video) return { audio, video };
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'dhc-builtin-'));
  try {
    const a = path.join(dir, 'tone.wav');
    const v = path.join(dir, 'pattern.mp4');
    try {
      await execFileP('ffmpeg', [
        ...FF,
        '-f',
        'lavfi',
        '-i',
        'sine=frequency=220:duration=4',
        '-ar',
        '16000',
        '-ac',
        '1',
        a,
      ]);
      await execFileP('ffmpeg', [
        ...FF,
        '-f',
        'lavfi',
        '-i',
        'testsrc=size=320x240:rate=25:duration=4',
        '-pix_fmt',
        'yuv420p',
        '-c:v',
        'libx264',
        '-movflags',
        '+faststart',
        v,
      ]);
    } catch (err) {
      throw new Error(
        `the built-in test pair needs ffmpeg on the console's machine (apt-get install ffmpeg): ${(err as Error).message}`,
      );
    }
    // Replace a half-made pair (one of the two) so that exactly one built-in pair exists.
    await getDb().deleteFrom('throughput_inputs').where('builtin', '=', 1).execute();
    const big = Number.MAX_SAFE_INTEGER;
    return {
      audio: await saveUpload(fs.createReadStream(a), 'audio', 'built-in tone.wav', big, true),
      video: await saveUpload(
        fs.createReadStream(v),
        'video',
        'built-in test pattern.mp4',
        big,
        true,
      ),
    };
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

/** The built-in pair, generated on first use (concurrent callers share one generation). */
export function builtinPair(): Promise<{ audio: TestInput; video: TestInput }> {
  making ??= make().finally(() => (making = null));
  return making;
}
