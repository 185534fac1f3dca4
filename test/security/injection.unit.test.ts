// Injection: every value that could reach a command is refused by an allow-list before anything remote happens.
// Values are never "made safe" by quoting alone; the quoting function is the last line, and refuses NUL and newlines.
import { describe, expect, it } from 'vitest';
import { RemoteError, remote } from '@/lib/remote';
import { quoteArgv } from '@/lib/remote/shell-quote';
import { containerRef, indexUrl, integerInRange, packageVersion } from '@/lib/validate/values';

const ALLOWED_INDEX_HOSTS = ['mirrors.aliyun.com', 'pypi.tuna.tsinghua.edu.cn'];

describe('allow-lists refuse hostile values, naming the field and the rule', () => {
  it.each([
    '1.16.0; rm -rf /',
    '1.16.0\nid',
    '$(id)',
    '`id`',
    '../',
    '-e x',
    '--index-url=http://x',
    '1.16.0 ',
    '1.16.0\0',
    '1.16.0|id',
    '',
  ])('version %j', (v) => {
    const r = packageVersion('version', v);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.field).toBe('version');
  });

  it.each(['-oProxyCommand=x', 'a b', '../x', 'x/../../y', 'x\n', 'x\0', '.hidden', '$(id)', ''])(
    'container %j',
    (v) => {
      const r = containerRef('container', v);
      expect(r.ok).toBe(false);
    },
  );

  it.each([
    'file:///',
    'http://169.254.169.254/',
    '--trusted-host x',
    'ftp://mirrors.aliyun.com/pypi/simple/',
    'http://user:pw@mirrors.aliyun.com/simple/',
    'https://mirrors.aliyun.com/simple/?x=$(id)',
    'https://evil.example/simple/',
    'https://mirrors.aliyun.com/simple/\nid',
    'javascript:alert(1)',
  ])('index URL %j', (v) => {
    const r = indexUrl('indexUrl', v, ALLOWED_INDEX_HOSTS);
    expect(r.ok).toBe(false);
  });

  it('an allowed mirror passes', () => {
    expect(
      indexUrl('indexUrl', 'https://mirrors.aliyun.com/pypi/simple/', ALLOWED_INDEX_HOSTS),
    ).toEqual({ ok: true, value: 'https://mirrors.aliyun.com/pypi/simple/' });
  });

  it.each([0, -1, 1e9, 'abc', '1; id', 1.5, '0x10', null])('batch size %j', (v) => {
    expect(integerInRange('value', v, 1, 64).ok).toBe(false);
  });
});

describe('remote access refuses before it connects', () => {
  it('container names that Docker would not accept never reach the Docker API', async () => {
    for (const name of ['-oProxyCommand=x', 'a b', '../x', 'x\n']) {
      // The host does not exist: had validation not come first, the error would be about the host.
      const err = await remote
        .execInContainer('no-such-host', name, ['id'])
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RemoteError);
      expect((err as RemoteError).kind).toBe('invalid');
    }
    expect(remote.stats().find((s) => s.hostId === 'no-such-host')?.connectionsOpened ?? 0).toBe(0);
  });

  it('argv with NUL or a line break is refused; anything else is one word for the remote shell', async () => {
    for (const argv of [
      ['echo', 'a\0b'],
      ['echo', 'a\nid'],
      ['echo', 'a\rid'],
    ]) {
      const err = await remote.exec('no-such-host', argv).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RemoteError);
      expect((err as RemoteError).kind).toBe('invalid');
    }
    expect(quoteArgv(['pip', 'install', "x'; id; echo '"])).toBe(
      `pip install 'x'\\''; id; echo '\\'''`,
    );
    expect(quoteArgv(['echo', '$(id)', '`id`', '-oProxyCommand=x'])).toBe(
      `echo '$(id)' '\`id\`' -oProxyCommand=x`,
    );
  });
});
