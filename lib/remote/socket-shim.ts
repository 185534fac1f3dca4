import type { Duplex } from 'node:stream';

// Node's http client and Agent call net.Socket methods (setTimeout, setNoDelay, setKeepAlive, ref, unref)
// on whatever createConnection returns. An ssh2 channel is a plain Duplex, so it gets the few it lacks.
// setTimeout is an idle timer reset by incoming data, as on a TCP socket.

type Shimmed = Duplex & Record<string, unknown>;

export function asSocket(ch: Duplex): Duplex {
  const s = ch as Shimmed;
  let ms = 0;
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (ms > 0 && !ch.destroyed) {
      timer = setTimeout(() => ch.emit('timeout'), ms);
      timer.unref();
    }
  };
  const push = ch.push.bind(ch);
  s.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk !== null) arm();
    return push(chunk, encoding);
  };
  // As net.Socket: a callback with 0 ms removes that listener (http does this when a keep-alive request ends).
  s.setTimeout = (msecs: number, cb?: () => void) => {
    ms = msecs;
    if (cb && msecs === 0) ch.removeListener('timeout', cb);
    else if (cb) ch.once('timeout', cb);
    arm();
    return ch;
  };
  s.setNoDelay = () => ch;
  s.setKeepAlive = () => ch;
  s.ref = () => ch;
  s.unref = () => ch;
  ch.once('close', () => {
    if (timer) clearTimeout(timer);
  });
  // As net.Socket (allowHalfOpen false): when the far end finishes, finish ours, so the channel closes. An ssh2
  // channel stays half-open otherwise: an idle keep-alive socket the Docker daemon had closed stayed in the agent's
  // pool and the next request written into it never got an answer; a finished exec stream never emitted 'close'.
  ch.once('end', () => {
    if (!ch.writableEnded) ch.end();
  });
  return ch;
}
