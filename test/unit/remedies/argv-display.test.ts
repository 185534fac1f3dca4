// A step's command as the preview shows it: one command line a support engineer can read and paste, inline
// scripts apart and whole, never a JSON array.
import { describe, expect, it } from 'vitest';
import { showArgv } from '@/lib/remedies/argv-display';

describe('a step command for people', () => {
  it('quotes what a shell would take apart, and leaves plain words as they are', () => {
    expect(
      showArgv(['pip', 'download', 'onnxruntime-gpu==1.16.0', '--dest', '/tmp/a b']).command,
    ).toBe("pip download onnxruntime-gpu==1.16.0 --dest '/tmp/a b'");
  });

  it('sets an inline script apart as <script 1>, kept whole for reading', () => {
    const script = 'import sys, os\nprint(sys.version)\n';
    const shown = showArgv(['/opt/conda/envs/human/bin/python', '-c', script, 'arg']);
    expect(shown.command).toBe('/opt/conda/envs/human/bin/python -c <script 1> arg');
    expect(shown.scripts).toEqual([{ name: '<script 1>', text: script }]);
  });
});
