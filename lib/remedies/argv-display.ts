import { quoteArg } from '@/lib/remote/shell-quote';

// An argv as a person reads it in a preview: one shell-quoted command line, with each inline script (a long or
// multi-line argument, such as `python -c <script>`) set apart as `<script N>` and shown on its own, as code.

export interface ShownArgv {
  command: string;
  scripts: { name: string; text: string }[];
}

const INLINE_SCRIPT = (a: string) => a.length > 120 || /[\r\n]/.test(a);

export function showArgv(argv: readonly string[]): ShownArgv {
  const scripts: ShownArgv['scripts'] = [];
  const words = argv.map((a) => {
    if (!INLINE_SCRIPT(a) && !a.includes('\0')) return quoteArg(a);
    const name = `<script ${scripts.length + 1}>`;
    scripts.push({ name, text: a });
    return name;
  });
  return { command: words.join(' '), scripts };
}
