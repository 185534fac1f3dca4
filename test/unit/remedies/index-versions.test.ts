// The versions an index offers, read by the script the console runs inside the container, here against a real PEP 503
// page served on loopback: a missing package is "no versions", an index that fails is an error, never "missing".
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '@/lib/i18n/text';
import {
  LIST_VERSIONS,
  missingVersionNotice,
  nearestVersions,
  parseIndexVersions,
} from '@/lib/remedies/modules/pin-ort/index-versions';

const FILES = [
  'onnxruntime_gpu-1.19.2-cp310-cp310-manylinux_2_27_x86_64.whl',
  'onnxruntime_gpu-1.18.1-cp310-cp310-manylinux_2_27_x86_64.whl',
  'onnxruntime_gpu-1.16.0-cp310-cp310-manylinux_2_17_x86_64.whl',
  'onnxruntime_gpu-1.16.0-cp311-cp311-manylinux_2_17_x86_64.whl',
  'onnxruntime_gpu-1.17.0rc1-cp310-cp310-manylinux_2_17_x86_64.whl',
  'onnxruntime-1.16.0-cp310-cp310-manylinux_2_17_x86_64.whl',
];
let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/simple/onnxruntime-gpu/') {
      const links = FILES.map((f) => `<a href="/files/${f}#sha256=00">${f}</a><br/>`).join('\n');
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body>${links}</body></html>`);
    } else if (req.url === '/broken/onnxruntime-gpu/') res.writeHead(500).end('oops');
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function listVersions(index: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'python3',
      ['-c', LIST_VERSIONS, 'onnxruntime-gpu', index],
      { timeout: 30_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('index versions', () => {
  it('reads the PEP 503 page of the package: every version of this distribution, no other', async () => {
    const r = await listVersions(`${base}/simple/`);
    expect(r.code).toBe(0);
    expect(parseIndexVersions(r.stdout)).toEqual(['1.16.0', '1.17.0rc1', '1.18.1', '1.19.2']);
  });

  it('a package the index does not have is an empty list; an index that fails is an error', async () => {
    expect(parseIndexVersions((await listVersions(`${base}/empty/`)).stdout)).toEqual([]);
    const broken = await listVersions(`${base}/broken/`);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('HTTP 500');
    const closed = await listVersions('http://127.0.0.1:9/simple/');
    expect(closed.code).toBe(2);
    expect(closed.stderr).toMatch(/cannot read .*refused/i);
  });

  it('picks the versions nearest to the one asked for', () => {
    const all = ['1.19.2', '1.18.1', '1.18.0', '1.17.1', '1.16.3', '1.16.0', '1.15.1'];
    expect(nearestVersions('1.16.9', all)).toEqual([
      '1.16.0',
      '1.16.3',
      '1.17.1',
      '1.18.0',
      '1.18.1',
    ]);
    expect(nearestVersions('9.9.9', all)).toEqual([
      '1.16.3',
      '1.17.1',
      '1.18.0',
      '1.18.1',
      '1.19.2',
    ]);
    expect(nearestVersions('0.1', all)).toEqual(['1.15.1', '1.16.0', '1.16.3', '1.17.1', '1.18.0']);
    expect(parseIndexVersions('ERROR: something')).toBeNull();
  });

  it('blocks with a sentence in both languages that names the index', () => {
    const n = missingVersionNotice('onnxruntime-gpu', '9.9.9', 'http://mirror/simple/', ['1.16.0']);
    expect(n.level).toBe('block');
    expect(renderText(n.text, 'en')).toBe(
      'onnxruntime-gpu 9.9.9 is not on http://mirror/simple/. Versions there nearest to it: 1.16.0.',
    );
    expect(renderText(n.text, 'zh-CN')).toBe(
      'http://mirror/simple/上没有 onnxruntime-gpu 9.9.9。该索引上与之最接近的版本：1.16.0。',
    );
  });
});
