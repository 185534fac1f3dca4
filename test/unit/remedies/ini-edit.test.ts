import { describe, expect, it } from 'vitest';
import { readIniValue, setIniValue } from '@/lib/remedies/ini-edit';

const config = `[log]
log_dir = ./log
level = info

[digital]
; frames per inference batch
batch_size = 4  # tuned for A100
fps = 25

[register]
url = http://127.0.0.1:12121
`;

describe('setIniValue', () => {
  it('changes only the value of the key, every other byte the same', () => {
    const r = setIniValue(config, 'digital', 'batch_size', '1');
    expect(r.changed).toBe(true);
    expect(r.previous).toBe('4');
    expect(r.text).toBe(config.replace('batch_size = 4  # tuned', 'batch_size = 1  # tuned'));
    expect(readIniValue(r.text, 'digital', 'batch_size')).toBe('1');
  });

  it('is idempotent: the same value again changes nothing', () => {
    const once = setIniValue(config, 'digital', 'batch_size', '1').text;
    const twice = setIniValue(once, 'digital', 'batch_size', '1');
    expect(twice.changed).toBe(false);
    expect(twice.text).toBe(once);
  });

  it('keeps CRLF line endings', () => {
    const crlf = config.replace(/\n/g, '\r\n');
    const r = setIniValue(crlf, 'digital', 'batch_size', '2');
    expect(r.text).toBe(crlf.replace('batch_size = 4', 'batch_size = 2'));
  });

  it('does not touch a key of the same name in another section', () => {
    const text = '[other]\nbatch_size = 9\n[digital]\nbatch_size = 4\n';
    expect(setIniValue(text, 'digital', 'batch_size', '1').text).toBe(
      '[other]\nbatch_size = 9\n[digital]\nbatch_size = 1\n',
    );
  });

  it('adds the key at the end of its section when missing, and the section when absent', () => {
    expect(
      setIniValue('[digital]\nfps = 25\n\n[x]\na = 1\n', 'digital', 'batch_size', '1').text,
    ).toBe('[digital]\nfps = 25\nbatch_size = 1\n\n[x]\na = 1\n');
    expect(setIniValue('[x]\na = 1', 'digital', 'batch_size', '1').text).toBe(
      '[x]\na = 1\n[digital]\nbatch_size = 1\n',
    );
  });

  it('refuses a multi-line value', () => {
    expect(() => setIniValue(config, 'digital', 'batch_size', '1\n[evil]')).toThrow(/single line/);
  });
});
