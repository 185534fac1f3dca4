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
  // As net.Socket: destroy() ends the socket now, 'close' follows on the next tick and no data comes after it.
  // ssh2's Channel.destroy() only sends EOF + CLOSE; its 'close' waited for the far end's CLOSE *and* for someone to
  // read the channel to its end. A channel nobody reads never got there: Node's http destroys the socket of a request
  // aborted while the channel was being opened and waits for that 'close' before the request reports its error,
  // so an aborted request (a cancelled test run's job) never settled, and its channel stayed open for good.
  const emit = ch.emit.bind(ch) as (event: string | symbol, ...args: unknown[]) => boolean;
  let destroyed = false;
  let closeEmitted = false;
  s.emit = (event: string | symbol, ...args: unknown[]): boolean => {
    if (event === 'close') {
      if (closeEmitted) return false;
      closeEmitted = true;
    } else if (
      destroyed &&
      (event === 'data' || event === 'end' || event === 'readable' || event === 'timeout')
    )
      return false;
    return emit(event, ...args);
  };
  const sshDestroy = ch.destroy.bind(ch);
  // The error given to destroy() is not emitted: http reports its own (the request's), and a socket without an
  // 'error' listener would throw it.
  s.destroy = (err?: Error) => {
    if (destroyed) return s;
    destroyed = true;
    if (timer) clearTimeout(timer);
    ch.resume(); // drain whatever the far end still sends (discarded above) so ssh2 can finish the channel
    sshDestroy();
    process.nextTick(() => s.emit('close', Boolean(err)));
    return s;
  };
  return ch;
}
