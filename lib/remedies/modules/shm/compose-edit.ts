// Sets `shm_size` for one service of a compose file, every other byte kept: the value replaced in place when the key
// exists (trailing comment kept), else a line inserted right under the service key at its children's indentation.

export interface ComposeEdit {
  text: string;
  changed: boolean;
  previous: string | null;
}

const KEY = /^(\s*)["']?([^"':#]+?)["']?\s*:(.*)$/;

export function setComposeShmSize(yaml: string, service: string, value: string): ComposeEdit {
  if (!/^[0-9]+[bkmg]?b?$/i.test(value))
    throw new Error(`not a compose size: ${JSON.stringify(value)}`);
  const lines = yaml.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const eol = yaml.includes('\r\n') ? '\r\n' : '\n';
  let inServices = false;
  let serviceIndent = -1;
  let serviceLine = -1;
  let childIndent = -1;
  for (let i = 0; i < lines.length; i++) {
    const body = lines[i]!.replace(/\r?\n$/, '');
    if (/^\s*(#|$)/.test(body)) continue;
    const indent = body.length - body.trimStart().length;
    if (indent === 0) {
      if (serviceLine >= 0) break;
      inServices = /^services:\s*(#.*)?$/.test(body);
      continue;
    }
    if (!inServices) continue;
    const key = KEY.exec(body);
    if (serviceLine < 0) {
      if (serviceIndent === -1) serviceIndent = indent;
      if (indent === serviceIndent && key && key[2]!.trim() === service) serviceLine = i;
      continue;
    }
    if (indent <= serviceIndent) break;
    if (childIndent === -1) childIndent = indent;
    if (indent === childIndent && key && key[2]!.trim() === 'shm_size') {
      const m = /^\s*(.*?)(\s+#.*)?$/.exec(key[3]!)!;
      const comment = m[2] ?? '';
      const previous = m[1]!.trim().replace(/^["']|["']$/g, '');
      if (previous === value) return { text: yaml, changed: false, previous };
      const term = /\r?\n$/.exec(lines[i]!)?.[0] ?? '';
      lines[i] = `${body.slice(0, body.length - key[3]!.length)} ${value}${comment}${term}`;
      return { text: lines.join(''), changed: true, previous };
    }
  }
  if (serviceLine < 0)
    throw new Error(
      `service ${JSON.stringify(service)} not found under services: in the compose file`,
    );
  const pad = ' '.repeat(childIndent === -1 ? serviceIndent + 2 : childIndent);
  if (!/\n$/.test(lines[serviceLine]!)) lines[serviceLine] += eol;
  lines.splice(serviceLine + 1, 0, `${pad}shm_size: ${value}${eol}`);
  return { text: lines.join(''), changed: true, previous: null };
}

/** Bytes as a compose size ("2gb", "512mb"). */
export function composeSize(bytes: number): string {
  const G = 1024 ** 3;
  const M = 1024 ** 2;
  if (bytes % G === 0) return `${bytes / G}gb`;
  if (bytes % M === 0) return `${bytes / M}mb`;
  return String(bytes);
}
