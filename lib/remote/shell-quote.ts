// The one place where an argv becomes a command line for the remote shell (ssh "exec" requests carry a
// single string that the login shell parses). Every element is single-quoted for POSIX sh unless it is
// made only of characters no shell treats specially. NUL cannot be carried at all, and CR/LF are refused
// because a newline ends a command in every shell: values must be validated before they get here.

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export class ArgvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArgvError';
  }
}

export function quoteArg(arg: string): string {
  if (typeof arg !== 'string') throw new ArgvError(`argv element is a ${typeof arg}, not a string`);
  if (arg.includes('\0')) throw new ArgvError('argv element contains a NUL character');
  if (/[\r\n]/.test(arg)) throw new ArgvError('argv element contains a line break');
  if (arg === '') return "''";
  if (SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function quoteArgv(argv: readonly string[]): string {
  if (!Array.isArray(argv) || argv.length === 0)
    throw new ArgvError('argv must be a non-empty array');
  return argv.map(quoteArg).join(' ');
}
