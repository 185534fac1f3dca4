// Offline classification of saved logs (support staff receive them from customers) and of pasted text.
import { readNewLines } from '@/lib/logs/file-reader';
import { SignatureScanner, type SignatureHit, type SignatureSummary } from './scanner';

export interface LogScan {
  summary: SignatureSummary;
  hits: SignatureHit[];
  lines: number;
  /** Reference time of the stall rule: the newest time written in the log. */
  newestTime: string | null;
}

function result(scanner: SignatureScanner): LogScan {
  scanner.finish();
  return { summary: scanner.summary(), hits: scanner.hits(), lines: scanner.lines, newestTime: scanner.newestTime };
}

/** Reads the whole file once, in bounded memory. */
export async function scanLogFile(path: string): Promise<LogScan> {
  const scanner = new SignatureScanner();
  await readNewLines(path, null, (line) => scanner.feed(line), { initialTailBytes: Infinity, final: true });
  return result(scanner);
}

export function scanLogText(text: string): LogScan {
  const scanner = new SignatureScanner();
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) scanner.feed(line);
  return result(scanner);
}
