// Test inputs: checked by content, streamed under a limit, nothing kept when refused or aborted half-way.
// Real media made with ffmpeg (Debian package), real files on disk, the real store in a temporary data directory.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  builtinPair,
  deleteInput,
  inputPath,
  listInputs,
  MediaError,
  saveUpload,
  TooLargeError,
} from '@/lib/throughput';
import { CLI_ADMIN } from '@/lib/auth/types';
import { handleUpload } from '@/lib/throughput/upload-request';
import { useTempDataDir } from '../core/temp-data';

const execFileP = promisify(execFile);
let tmp: ReturnType<typeof useTempDataDir>;
let wav: string;
let mp4: string;
let mov: string;
const MB = 1024 * 1024;

/** What is left in the inputs folder: stored files and any partial upload. */
const leftovers = () => fs.readdirSync(path.join(tmp.dir, 'throughput', 'inputs'));

beforeAll(async () => {
  tmp = useTempDataDir();
  const ff = ['-hide_banner', '-loglevel', 'error', '-y'];
  wav = path.join(tmp.dir, 'a.wav');
  mp4 = path.join(tmp.dir, 'v.mp4');
  mov = path.join(tmp.dir, 'v.mov');
  await execFileP('ffmpeg', [
    ...ff,
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=220:duration=2',
    '-ar',
    '16000',
    '-ac',
    '1',
    wav,
  ]);
  await execFileP('ffmpeg', [
    ...ff,
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=160x120:rate=25:duration=2',
    '-pix_fmt',
    'yuv420p',
    '-c:v',
    'libx264',
    mp4,
  ]);
  await execFileP('ffmpeg', [...ff, '-i', mp4, '-c', 'copy', '-f', 'mov', mov]);
});
afterAll(() => tmp.dispose());

describe('uploads checked by content', () => {
  it('stores a wav, an mp4 and a mov under their real format, whatever their names say', async () => {
    const a = await saveUpload(fs.createReadStream(wav), 'audio', 'voice.mp3', 10 * MB);
    const v = await saveUpload(fs.createReadStream(mp4), 'video', 'face.bin', 10 * MB);
    const q = await saveUpload(fs.createReadStream(mov), 'video', 'face.mp4', 10 * MB);
    expect([a.format, v.format, q.format]).toEqual(['wav', 'mp4', 'mov']);
    expect(fs.readFileSync(inputPath(v))).toEqual(fs.readFileSync(mp4));
    expect((await listInputs()).map((i) => i.id).sort()).toEqual([a.id, v.id, q.id].sort());
    await deleteInput(q.id);
    expect(fs.existsSync(inputPath(q))).toBe(false);
    expect((await listInputs()).some((i) => i.id === q.id)).toBe(false);
  });

  it('refuses a text file renamed .mp4, an empty file, a truncated video and an audio sent as the video: nothing kept', async () => {
    const before = leftovers().sort();
    const refuse = async (body: Buffer, kind: 'audio' | 'video', reason: string) => {
      const err = await saveUpload(Readable.from([body]), kind, 'x.mp4', 10 * MB).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(MediaError);
      expect((err as MediaError).reason).toBe(reason);
      return (err as Error).message;
    };
    expect(
      await refuse(Buffer.from('this is not a video\n'.repeat(50)), 'video', 'unknown_type'),
    ).toMatch(/checked by content/);
    expect(await refuse(Buffer.alloc(0), 'video', 'empty')).toBe('the file is empty');
    const whole = fs.readFileSync(mp4);
    expect(
      await refuse(whole.subarray(0, Math.floor(whole.length * 0.6)), 'video', 'truncated'),
    ).toMatch(/cut off|incomplete/);
    const wavBytes = fs.readFileSync(wav);
    expect(
      await refuse(wavBytes.subarray(0, wavBytes.length - 1000), 'audio', 'truncated'),
    ).toMatch(/cut off/);
    expect(await refuse(wavBytes, 'video', 'wrong_kind')).toMatch(/expected a video file, got wav/);
    expect(leftovers().sort()).toEqual(before);
  });

  it('stops reading past the limit (413 material) and keeps nothing', async () => {
    const before = leftovers().sort();
    let produced = 0;
    // An endless body: the save must stop on its own once the limit is passed.
    const endless = new Readable({
      read() {
        produced += 64 * 1024;
        this.push(Buffer.alloc(64 * 1024));
      },
    });
    const err = await saveUpload(endless, 'video', 'huge.mp4', 1 * MB).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TooLargeError);
    expect((err as Error).message).toBe('the file is larger than the upload limit of 1 MB');
    expect(produced).toBeLessThan(3 * MB);
    expect(leftovers().sort()).toEqual(before);
  });

  it('an upload aborted half-way leaves no partial file', async () => {
    const before = leftovers().sort();
    const body = new PassThrough();
    const saving = saveUpload(body, 'video', 'v.mp4', 10 * MB).catch((e: unknown) => e);
    const bytes = fs.readFileSync(mp4);
    body.write(bytes.subarray(0, bytes.length >> 1));
    // Wait until the half is on disk as a partial file, then cut the connection.
    const deadline = Date.now() + 5000;
    while (!leftovers().some((f) => f.endsWith('.part'))) {
      if (Date.now() > deadline) throw new Error('no partial file appeared');
      await new Promise((r) => setImmediate(r));
    }
    body.destroy(new Error('aborted'));
    expect(String(await saving)).toMatch(/aborted/);
    expect(leftovers().sort()).toEqual(before);
  });

  it('the route handler refuses a declared size over the limit before reading, and non-octet-stream bodies', async () => {
    const big = new Request('http://x/api/throughput/inputs?kind=video&name=a.mp4', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(300 * MB) },
      body: 'x',
    });
    await expect(handleUpload(big, { kind: 'video', name: 'a.mp4' }, CLI_ADMIN)).rejects.toThrow(
      /larger than the upload limit of 200 MB/,
    );
    const form = new Request('http://x/api/throughput/inputs?kind=video', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: 'x',
    });
    await expect(handleUpload(form, { kind: 'video' }, CLI_ADMIN)).rejects.toThrow(
      /invalid|octet-stream/,
    );
  });

  it('generates one built-in pair with ffmpeg and reuses it', async () => {
    const p1 = await builtinPair();
    const p2 = await builtinPair();
    expect([p1.audio.format, p1.video.format]).toEqual(['wav', 'mp4']);
    expect(p2.audio.id).toBe(p1.audio.id);
    expect((await listInputs()).filter((i) => i.builtin)).toHaveLength(2);
  });
});
