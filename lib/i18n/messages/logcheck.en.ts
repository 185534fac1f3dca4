// English texts of the "paste a log" page (merged into the main catalog by a spread in en.ts).
export const logcheckEn = {
  logcheck: {
    nav: 'Check a log',
    title: 'Check a log',
    intro:
      'Paste a log a customer sent, or pick the file: it is classified against the queue-blocking signatures, the same way as `dhc diagnose`. Nothing is stored.',
    paste: 'Log text',
    file: 'or a file',
    check: 'Check',
    checking: 'Checking…',
    lines: '{lines} lines, {bytes} bytes',
    cutLines:
      '{count, plural, one {# line} other {# lines}} longer than {limit} bytes: each was checked on its first {limit} bytes only.',
    signature: 'Signature',
    count: 'Hits',
    tasks: 'Task ids',
    first: 'First',
    last: 'Last',
    remedies: 'Remedies',
    none: 'No signature found: this log shows no known cause of queue blocking.',
    findings: 'What the log alone says',
    empty: 'Paste some log text or pick a file first.',
  },
} as const;
