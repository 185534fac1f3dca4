// Recognises the line shapes HeyGem deployments produce (see shared/DOMAIN.md):
//   bracketed: [2025-03-23 23:13:34] [process.py[line:108]] [ERROR] [[<task id>]<message>]
//   compose:   <time> <service>  | <any of the others>   (docker compose logs; also `<service>  | <time> ...`)
//   bare:      [<task id>]<message>
// plus ONNX Runtime's own log lines (`2025-03-23 23:13:34.123 [W:onnxruntime:Default, file.cc:965 Fn] text`),
// which is where the CUDA provider warnings come from.

export type LineShape = 'heygem' | 'ort' | 'bare' | 'plain';

export interface ParsedLine {
  shape: LineShape;
  /** `docker compose logs` service name when the line carried that prefix. */
  service: string | null;
  /** Time as written by the log, normalised to `YYYY-MM-DD HH:MM:SS` (no zone: logs write local time). */
  time: string | null;
  level: string | null;
  taskId: string | null;
  /** The text after the shape's own prefix; for bracketed lines, without the outer brackets. */
  message: string;
  /** The whole line without its line ending or compose prefix. */
  text: string;
}

// Task ids are whatever a deployment uses: UUIDs, numbers, short codes (`[abc]`). A log level in brackets is not one.
const LEVEL_WORD = String.raw`(?:INFO|ERROR|WARNING|WARN|DEBUG|CRITICAL|FATAL|TRACE|NOTICE)\]`;
const TASK_ID = String.raw`[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{32}|\d{1,12}|(?!${LEVEL_WORD})[A-Za-z0-9][A-Za-z0-9_-]{0,63}`;
const STAMP = String.raw`\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}`;
const RFC3339 = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?`;

// `[^\]\[]*(?:\[line:\d+\][^\]\[]*)?`, not `[^\]\[]*(?:\[line:\d+\])?[^\]\[]*`: the same lines, but two adjacent
// runs of one class made a line with no closing `]` quadratic (4 s on 64 kB); here each character has one reading.
const HEYGEM_RE = new RegExp(
  String.raw`^\[(${STAMP})(?:[.,]\d+)?\]\s+\[([^\]\[]*(?:\[line:\d+\][^\]\[]*)?)\]\s+\[([A-Z]+)\]\s+\[(.*)$`,
);
const ORT_RE = new RegExp(
  String.raw`^(${STAMP})(?:\.\d+)?\s+\[([EWIVF]):onnxruntime:[^\]]*\]\s?(.*)$`,
);
// Compose pads service names with spaces before `|`; names follow Docker's container/service name rules.
const COMPOSE_RE = new RegExp(
  String.raw`^(?:(${RFC3339})\s+)?([A-Za-z0-9][A-Za-z0-9_.-]*)\s+\|\s?(.*)$`,
);
const LEADING_RFC3339_RE = new RegExp(String.raw`^(${RFC3339})\s(.*)$`);
const LEADING_TASK_RE = new RegExp(String.raw`^\[(${TASK_ID})\]`);
// HeyGem also writes `任务:1004 耗时:...` without brackets.
const INLINE_TASK_RE = new RegExp(String.raw`任务[:：]\s*(${TASK_ID})(?![0-9A-Za-z-])`);

const ORT_LEVELS: Record<string, string> = {
  E: 'ERROR',
  W: 'WARNING',
  I: 'INFO',
  V: 'VERBOSE',
  F: 'FATAL',
};

export function normaliseTime(stamp: string): string {
  return `${stamp.slice(0, 10)} ${stamp.slice(11, 19)}`;
}

/** Task id named by a message: a leading `[<id>]`, else `任务:<id>`. */
export function taskIdOf(message: string): string | null {
  const lead = LEADING_TASK_RE.exec(message);
  if (lead) return lead[1]!;
  const inline = INLINE_TASK_RE.exec(message);
  return inline ? inline[1]! : null;
}

export function parseLine(raw: string): ParsedLine {
  let text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  let service: string | null = null;
  let prefixTime: string | null = null;

  // A HeyGem or bare line starts with `[`, so it can never be mistaken for a compose prefix.
  if (!text.startsWith('[')) {
    const compose = COMPOSE_RE.exec(text);
    if (compose) {
      service = compose[2]!;
      prefixTime = compose[1] ? normaliseTime(compose[1]) : null;
      text = compose[3]!;
      const inner = LEADING_RFC3339_RE.exec(text);
      if (inner) {
        prefixTime ??= normaliseTime(inner[1]!);
        text = inner[2]!;
      }
    }
  }

  const heygem = HEYGEM_RE.exec(text);
  if (heygem) {
    let message = heygem[4]!;
    if (message.endsWith(']')) message = message.slice(0, -1);
    return {
      shape: 'heygem',
      service,
      time: normaliseTime(heygem[1]!),
      level: heygem[3]!,
      taskId: taskIdOf(message),
      message,
      text,
    };
  }
  const ort = ORT_RE.exec(text);
  if (ort) {
    return {
      shape: 'ort',
      service,
      time: normaliseTime(ort[1]!),
      level: ORT_LEVELS[ort[2]!] ?? null,
      taskId: null,
      message: ort[3]!,
      text,
    };
  }
  const bare = LEADING_TASK_RE.exec(text);
  if (bare) {
    return {
      shape: 'bare',
      service,
      time: prefixTime,
      level: null,
      taskId: bare[1]!,
      message: text,
      text,
    };
  }
  return {
    shape: 'plain',
    service,
    time: prefixTime,
    level: null,
    taskId: null,
    message: text,
    text,
  };
}
