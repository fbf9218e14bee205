// A large body sent as HTTP asks of a client that sends one (RFC 9112 §9.5: it watches for an
// answer while it sends, and stops sending when one comes), through node:http on a connection of
// its own. A server may answer 400 or 413 before it has read a large body, then close (Fastify's
// bodyLimit, nginx's client_max_body_size); a client that writes the whole body first fills the
// socket, the server that answered and closed resets the connection with the body still unread,
// and the answer is lost to EPIPE about one time in four (curl loses it as often; so do undici and
// Playwright's request context, which both write a body whole). Both of the suite's clients send
// bodies of LARGE_BODY bytes and more this way.
import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { performance } from 'node:perf_hooks';
import { Collected, flattenHeaders, noAnswer, timeoutOutcome } from './outcome';
import { urlFor, type HttpOutcome, type HttpRequest } from './types';

/**
 * From this size a body is paced. Below it the whole request fits the socket's send buffer on any
 * platform, so a server that answers early finds it written before it closes.
 */
export const LARGE_BODY = 64 * 1024;

/** Whether `request`'s body is LARGE_BODY bytes or more: sent paced, and (the in-flight limit) an answer of its own kind. */
export function isLargeBody(request: HttpRequest): boolean {
  return request.body !== undefined && Buffer.byteLength(request.body) >= LARGE_BODY;
}

export interface TlsOptions {
  /** PEM text of certificate authorities trusted besides the system's. */
  ca?: string;
  /** Certificates are not verified. */
  insecure?: boolean;
}

export function tlsConnectOptions(tls: TlsOptions): { ca?: string[]; rejectUnauthorized?: boolean } {
  return {
    ...(tls.ca ? { ca: [...rootCertificates, tls.ca] } : {}),
    ...(tls.insecure ? { rejectUnauthorized: false } : {}),
  };
}

/** The first part of a large body, sent with the headers; the rest waits for a pause in which an early answer can come. */
const FIRST_PART = 16 * 1024;
/** The rest goes in parts this size, the event loop let through between them, so an answer is read as soon as it comes. */
const PART = 64 * 1024;
/** The pause after the first part: twice the connection's round trip (its connect time), at least this. */
const MIN_PAUSE_MS = 100;

/**
 * Sends `request`, its body paced: the headers with the first 16 KiB; then a pause of twice the
 * round trip, as a client that sent `Expect: 100-continue` waits, in which a server that refuses by
 * Content-Length answers; then the rest, a part at a time, until it is written or an answer comes.
 * An error after the whole answer came (EPIPE, ECONNRESET) leaves the answer. The connection is a
 * fresh one, never reused, so there is nothing to send a second time.
 */
export function pacedUpload(target: URL, request: HttpRequest, timeoutMs: number, tls: TlsOptions = {}): Promise<HttpOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = urlFor(target, request.path);
  const client = url.protocol === 'https:' ? https : http;
  const body = Buffer.from(request.body ?? '');
  const headers = Object.keys(request.headers).some((name) => name.toLowerCase() === 'content-length') ? request.headers : { ...request.headers, 'content-length': String(body.length) };
  return new Promise((resolve) => {
    let settled = false;
    let answered = false;
    let timer: NodeJS.Timeout | undefined;
    let req: http.ClientRequest | undefined;
    let wake: (() => void) | undefined;
    const settle = (outcome: HttpOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Whatever of the body is unsent stays unsent: the attempt is over.
      req?.destroy();
      resolve(outcome);
    };
    const onAnswer = (res: http.IncomingMessage) => {
      answered = true;
      wake?.();
      const kept = new Collected();
      res.on('data', (chunk: Buffer) => kept.add(chunk));
      res.on('end', () => settle({ kind: 'response', status: res.statusCode ?? 0, headers: flattenHeaders(res.headers), body: kept.body(), durationMs: elapsed() }));
      // Closed before the whole answer came: a partial answer is no answer.
      res.on('close', () => {
        if (!res.complete) settle({ kind: 'no-answer', reason: 'connection', message: 'the connection was closed before the whole answer came', durationMs: elapsed() });
      });
    };
    try {
      req = client.request(url, { method: request.method, headers, agent: false, ...tlsConnectOptions(tls) }, onAnswer);
    } catch (error) {
      // A header node:http refuses to send (undici refuses the same ones).
      return settle(noAnswer(error, timeoutMs, elapsed()));
    }
    const sending = req;
    timer = setTimeout(() => settle(timeoutOutcome(timeoutMs, elapsed())), timeoutMs);
    // Before an answer, an error is what came of the request; after one, the answer's own events decide.
    sending.on('error', (error) => {
      if (!answered) settle(noAnswer(error, timeoutMs, elapsed()));
    });
    let connectedAt = 0;
    sending.on('socket', (socket) => socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => (connectedAt = performance.now())));
    const until = (ms: number) =>
      new Promise<void>((done) => {
        const pause = setTimeout(done, ms);
        wake = () => {
          clearTimeout(pause);
          done();
        };
      });
    const stopped = () => answered || settled;
    /** Resolves when `start` calls back, or when the request closes first. */
    const either = (start: (go: () => void) => void) =>
      new Promise<void>((done) => {
        const go = () => {
          sending.off('close', go);
          done();
        };
        sending.once('close', go);
        start(go);
      });
    const drained = (go: () => void) => sending.once('drain', go);
    void (async () => {
      // The first part handed to the connection (so it is open: its connect time is known), then the pause.
      await either((go) => sending.write(body.subarray(0, FIRST_PART), go));
      if (stopped()) return;
      await until(Math.max(MIN_PAUSE_MS, 2 * (connectedAt - started)));
      for (let at = FIRST_PART; at < body.length; at += PART) {
        if (stopped()) return;
        if (!sending.write(body.subarray(at, at + PART))) await either(drained);
        await new Promise<void>((next) => setImmediate(next));
      }
      if (!stopped()) sending.end();
    })();
  });
}

