// `dhc diagnose FILE... [--json]`: classifies saved log files offline against the signature catalogue.
import { stat } from 'node:fs/promises';
import { scanLogFile } from '@/lib/diagnosis/scan-log';
import { SIGNATURES, SIGNATURE_IDS } from '@/lib/diagnosis/signatures';
import { diagnose } from '@/lib/diagnosis/diagnose';
import { remedyTitle } from '@/lib/diagnosis/remedies';
import type { Locale } from '@/lib/i18n/locales';
import { renderText } from '@/lib/i18n/text';

export const summary =
  'classify saved log files against the queue-blocking signatures (FILE... [--json] [--lang zh|en])';

const USAGE = 'usage: dhc diagnose FILE... [--json] [--lang zh|en]\n';

export async function run(args: string[]): Promise<number> {
  let json = false;
  let lang: 'zh' | 'en' = process.env.LANG?.startsWith('zh') ? 'zh' : 'en';
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--lang') {
      const v = args[++i];
      if (v !== 'zh' && v !== 'en') return fail(`--lang takes zh or en, not '${v ?? ''}'`);
      lang = v;
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(USAGE);
      return 0;
    } else if (a === '--') continue;
    else if (a.startsWith('-')) return fail(`unknown option '${a}'`);
    else files.push(a);
  }
  if (files.length === 0) return fail('no log file given');
  for (const file of files) {
    const s = await stat(file).catch((e: NodeJS.ErrnoException) => e);
    if (s instanceof Error)
      return fail(`cannot read '${file}': ${s.code === 'ENOENT' ? 'no such file' : s.message}`);
    if (!s.isFile()) return fail(`'${file}' is not a regular file`);
  }

  const results = [];
  for (const file of files) results.push({ file, scan: await scanLogFile(file) });

  if (json) {
    const out = {
      files: results.map(({ file, scan }) => ({
        file,
        cutLines: scan.cutLines,
        signatures: Object.fromEntries(SIGNATURE_IDS.map((id) => [id, scan.summary[id]])),
      })),
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return 0;
  }
  for (const { file, scan } of results) {
    const cut =
      scan.cutLines > 0
        ? `, ${scan.cutLines} longer than 64 KiB: scanned on their first 64 KiB`
        : '';
    process.stdout.write(`${file}  (${scan.lines} lines${cut})\n`);
    for (const sig of SIGNATURES) {
      const t = scan.summary[sig.id];
      const when = t.count > 0 && t.first ? `  ${t.first} .. ${t.last}` : '';
      const tasks =
        t.taskIds.length > 0
          ? `  tasks: ${t.taskIds.slice(0, 10).join(', ')}${t.taskIds.length > 10 ? ', …' : ''}`
          : '';
      process.stdout.write(
        `  ${sig.id.padEnd(24)} ${String(t.count).padStart(6)}${when}${tasks}\n`,
      );
    }
    const { findings } = diagnose(scan.summary);
    const locale: Locale = lang === 'zh' ? 'zh-CN' : 'en';
    process.stdout.write(`  ${lang === 'zh' ? '诊断' : 'diagnosis'}:\n`);
    for (const f of findings) {
      process.stdout.write(`    [${f.severity}] ${renderText(f.title, locale)}\n`);
      for (const e of f.evidence) process.stdout.write(`      - ${renderText(e, locale)}\n`);
      if (f.remedies.length > 0)
        process.stdout.write(
          `      → ${f.remedies.map((r) => `${r} (${renderText(remedyTitle(r), locale)})`).join(' → ')}\n`,
        );
    }
    process.stdout.write('\n');
  }
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`dhc diagnose: ${message}\n${USAGE}`);
  return 2;
}
