// What a test input really is, judged by its bytes, never by its name: a renamed text file or a cut-off upload
// must be refused before it reaches a container. Only headers are read (the file may be 200 MB).
import fs from 'node:fs/promises';

export type InputKind = 'audio' | 'video';
export type MediaFormat = 'wav' | 'mp3' | 'm4a' | 'mp4' | 'mov';

export const FORMAT_KIND: Record<MediaFormat, InputKind> = {
  wav: 'audio',
  mp3: 'audio',
  m4a: 'audio',
  mp4: 'video',
  mov: 'video',
};

export class MediaError extends Error {
  constructor(
    readonly reason: 'empty' | 'unknown_type' | 'truncated' | 'wrong_kind',
    message: string,
  ) {
    super(message);
    this.name = 'MediaError';
  }
}

/** The format from the first bytes (at least 12), or null when it is none of the accepted ones. */
export function sniffFormat(head: Buffer): MediaFormat | null {
  if (
    head.length >= 12 &&
    head.toString('latin1', 0, 4) === 'RIFF' &&
    head.toString('latin1', 8, 12) === 'WAVE'
  )
    return 'wav';
  if (head.length >= 3 && head.toString('latin1', 0, 3) === 'ID3') return 'mp3';
  // An MPEG audio frame header: 11 sync bits, then a layer that is not "reserved".
  if (head.length >= 2 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0 && (head[1]! & 0x06) !== 0)
    return 'mp3';
  if (head.length >= 12 && head.toString('latin1', 4, 8) === 'ftyp') {
    const brand = head.toString('latin1', 8, 12);
    if (brand === 'M4A ' || brand === 'M4B ') return 'm4a';
    if (brand === 'qt  ') return 'mov';
    return 'mp4';
  }
  return null;
}

async function readAt(fh: fs.FileHandle, pos: number, len: number): Promise<Buffer> {
  const buf = Buffer.alloc(len);
  const { bytesRead } = await fh.read(buf, 0, len, pos);
  return buf.subarray(0, bytesRead);
}

/** ISO-BMFF (mp4/mov/m4a): every top-level atom must fit in the file, and a `moov` must be there. */
async function checkAtoms(fh: fs.FileHandle, size: number): Promise<void> {
  let pos = 0;
  let moov = false;
  while (pos < size) {
    const h = await readAt(fh, pos, 16);
    if (h.length < 8)
      throw new MediaError('truncated', `the file ends inside an atom header at byte ${pos}`);
    let len = h.readUInt32BE(0);
    const type = h.toString('latin1', 4, 8);
    if (len === 1) {
      if (h.length < 16)
        throw new MediaError('truncated', `the file ends inside an atom header at byte ${pos}`);
      len = Number(h.readBigUInt64BE(8));
    } else if (len === 0) len = size - pos; // "to the end of the file"
    if (len < 8)
      throw new MediaError(
        'truncated',
        `atom '${type}' at byte ${pos} has an impossible size ${len}`,
      );
    if (pos + len > size)
      throw new MediaError(
        'truncated',
        `atom '${type}' at byte ${pos} needs ${len} bytes but the file ends ${size - pos} bytes later: the file is cut off`,
      );
    if (type === 'moov') moov = true;
    pos += len;
  }
  if (!moov)
    throw new MediaError('truncated', 'no movie header (moov atom): the file is incomplete');
}

/** RIFF/WAVE: the RIFF size must match the file; an upload cut short has fewer bytes than it announces. */
async function checkWav(fh: fs.FileHandle, size: number): Promise<void> {
  const h = await readAt(fh, 0, 12);
  const riff = h.readUInt32LE(4) + 8;
  if (riff > size)
    throw new MediaError(
      'truncated',
      `the WAV header announces ${riff} bytes but the file has ${size}: the file is cut off`,
    );
}

/** Opens the file, checks its format by content and that it is whole; `expected` is the slot it is uploaded to. */
export async function inspectMedia(
  file: string,
  expected?: InputKind,
): Promise<{ format: MediaFormat; kind: InputKind; size: number }> {
  const fh = await fs.open(file, 'r');
  try {
    const { size } = await fh.stat();
    if (size === 0) throw new MediaError('empty', 'the file is empty');
    const format = sniffFormat(await readAt(fh, 0, 16));
    if (!format)
      throw new MediaError(
        'unknown_type',
        'not a wav, mp3 or m4a audio file nor an mp4 or mov video (checked by content, not by name)',
      );
    const kind = FORMAT_KIND[format];
    if (expected && kind !== expected)
      throw new MediaError(
        'wrong_kind',
        `expected ${expected === 'audio' ? 'an audio file' : 'a video file'}, got ${format}`,
      );
    if (format === 'wav') await checkWav(fh, size);
    else if (format !== 'mp3') await checkAtoms(fh, size);
    return { format, kind, size };
  } finally {
    await fh.close();
  }
}
