// Offline classification of saved logs (support staff receive them from customers) and of pasted text.
import { readNewLines } from '@/lib/logs/file-reader';
import { boundScanLine } from './regex';
import { SignatureScanner, type SignatureHit, type SignatureSummary } from './scanner';

export interface LogScan {
  summary: SignatureSummary;
  hits: SignatureHit[];
  lines: number;
  /** Lines longer than the line limit (64 KiB), scanned on their first part only. */
  cutLines: number;
  /** Reference time of the stall rule: the newest time written in the log. */
  newestTime: string | null;
}

function result(scanner: SignatureScanner, cutLines: number): LogScan {
  scanner.finish();
  const { lines, newestTime } = scanner;
  return { summary: scanner.summary(), hits: scanner.hits(), lines, cutLines, newestTime };
}

/** Reads the whole file once, in bounded memory. */
export async function scanLogFile(path: string): Promise<LogScan> {
  const scanner = new SignatureScanner();
  const r = await readNewLines(path, null, (line) => scanner.feed(line), {
    initialTailBytes: Infinity,
    final: true,
  });
  return result(scanner, r.cutLines);
}

export function scanLogText(text: string): LogScan {
  const scanner = new SignatureScanner();
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  let cut = 0;
  for (const line of lines) {
    const bounded = boundScanLine(line);
    if (bounded.cut) cut++;
    scanner.feed(bounded.text);
  }
  return result(scanner, cut);
}
