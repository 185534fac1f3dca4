// Secrets never reach the audit log or an error message: these keys are replaced wherever they appear.
const SECRET_KEY = /pass(word)?|private.?key|secret|token/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') {
    return typeof value === 'string' && value.includes('PRIVATE KEY') ? '[redacted]' : value;
  }
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  // fromEntries defines own properties: a key named `__proto__` stays a key, never the object's prototype.
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      SECRET_KEY.test(key) ? (v ? '[redacted]' : v) : redact(v, depth + 1),
    ]),
  );
}
