// Edits one key of an INI file (HeyGem's config/config.ini) and leaves every other byte as it was:
// line endings, comments, spacing, key order and the rest of the file are preserved.
export interface IniEdit {
  text: string;
  changed: boolean;
  previous: string | null; // the old value, or null when the key (or section) was absent
}

const SECTION = /^\s*\[([^\]]+)\]\s*$/;

function splitLines(text: string): string[] {
  // Keep each line's own terminator so CRLF files stay CRLF.
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function keyPattern(key: string): RegExp {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `^(\\s*${escaped}\\s*[=:]\\s*)([^\\r\\n;#]*?)(\\s*(?:[;#].*)?)(\\r?\\n)?$`,
    'i',
  );
}

export function readIniValue(text: string, section: string, key: string): string | null {
  let inSection = false;
  for (const line of splitLines(text)) {
    const s = SECTION.exec(line.replace(/\r?\n$/, ''));
    if (s) {
      inSection = s[1]!.trim().toLowerCase() === section.toLowerCase();
      continue;
    }
    if (!inSection) continue;
    const m = keyPattern(key).exec(line);
    if (m) return m[2]!.trim();
  }
  return null;
}

export function setIniValue(text: string, section: string, key: string, value: string): IniEdit {
  if (/[\r\n]/.test(value)) throw new Error('INI value must be a single line');
  const lines = splitLines(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let inSection = false;
  let sectionEnd = -1; // index after the last line of the target section
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const s = SECTION.exec(line.replace(/\r?\n$/, ''));
    if (s) {
      inSection = s[1]!.trim().toLowerCase() === section.toLowerCase();
      if (inSection) sectionEnd = i + 1;
      continue;
    }
    if (!inSection) continue;
    if (line.trim() !== '') sectionEnd = i + 1;
    const m = keyPattern(key).exec(line);
    if (m) {
      const previous = m[2]!.trim();
      if (previous === value) return { text, changed: false, previous };
      lines[i] = `${m[1]}${value}${m[3] ?? ''}${m[4] ?? ''}`;
      return { text: lines.join(''), changed: true, previous };
    }
  }
  if (sectionEnd === -1) {
    const sep = text === '' || text.endsWith('\n') ? '' : eol;
    return {
      text: `${text}${sep}[${section}]${eol}${key} = ${value}${eol}`,
      changed: true,
      previous: null,
    };
  }
  const before = lines.slice(0, sectionEnd);
  const last = before[before.length - 1] ?? '';
  const fix = last.endsWith('\n') ? '' : eol;
  if (fix) before[before.length - 1] = last + fix;
  return {
    text: [...before, `${key} = ${value}${eol}`, ...lines.slice(sectionEnd)].join(''),
    changed: true,
    previous: null,
  };
}
