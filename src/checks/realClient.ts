// S8: what real callers see. The official AWS SDK client (@aws-sdk/client-inspector2) calls the
// target with StopCisSessionCommand: a valid call resolves, and invalid input — which the SDK
// does not validate, so it reaches the target — rejects with an error the SDK names
// ValidationException (it names errors from X-Amzn-Errortype, or a body __type/code).
//
// The SDK builds, serialises and signs each request itself; its request handler is swapped for
// one that sends those exact bytes through ctx.send, so SDK calls are counted, kept for M5/M7 and
// recorded as evidence (with a curl line) like every other request of the suite.
//
// The SDK is loaded when a check first calls it, not when the registry is: the processes that
// only list or render checks never load it.
import { Readable } from 'node:stream';
import type { StopCisSessionCommandInput, StopCisSessionMessage, StopCisSessionStatus } from '@aws-sdk/client-inspector2';
import type { HttpHandler, HttpRequest as SdkRequest } from '@smithy/protocol-http';
import { describeOutcome } from '../evidence/exchange';
import { asIs, type AwsCredentials } from '../transport/sigv4Transport';
import type { HttpOutcome, HttpRequest } from '../transport/types';
import { errorTypeOf } from './internal/errorType';
import { knownValidStop, seededUuid } from '../generation';
import { CannotJudge, type CaseCheck, type CheckContext, type CheckResult } from './types';

/** Used when no credentials are configured: the target then does not check signatures. */
const DUMMY_CREDENTIALS: AwsCredentials = { accessKeyId: 'AKIDCONFORMANCEDUMMY', secretAccessKey: 'conformance-dummy-secret' };

interface Sent {
  request: HttpRequest;
  outcome: HttpOutcome;
}

/** The SDK's request as the suite's transports send it: the path relative to the target's base path. */
function fromSdkRequest(request: SdkRequest, target: URL): HttpRequest {
  const base = target.pathname.replace(/\/$/, '');
  const path = base !== '' && request.path.startsWith(base) ? request.path.slice(base.length) : request.path;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, item ?? '');
  }
  const query = search.toString();
  const body: unknown = request.body;
  if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
    throw new CannotJudge('the AWS SDK produced a streamed request body, which this check cannot forward; this is a bug in the suite.');
  }
  return {
    method: request.method,
    path: query ? `${path}?${query}` : path,
    headers: { ...request.headers },
    // A view of the SDK's bytes: Buffer.from(body) would call the SDK adapter's string methods, which warn.
    body: body === undefined || body === null ? undefined : typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength),
  };
}

/** A request handler that sends through ctx.send and remembers every exchange. */
function handlerThrough(ctx: CheckContext, sent: Sent[], HttpResponse: typeof import('@smithy/protocol-http').HttpResponse): HttpHandler {
  return {
    async handle(sdkRequest) {
      const request = fromSdkRequest(sdkRequest, ctx.settings.target);
      // asIs: the SDK signed it already; signing again would replace the SDK's own signature.
      const outcome = await ctx.send(asIs(request));
      sent.push({ request, outcome });
      if (outcome.kind === 'no-answer') {
        throw Object.assign(new Error(outcome.message), { name: outcome.reason === 'timeout' ? 'TimeoutError' : 'NetworkingError' });
      }
      const response = new HttpResponse({ statusCode: outcome.status, headers: outcome.headers, body: Readable.from([outcome.body]) });
      return { response };
    },
    updateHttpClientConfig: () => {},
    httpHandlerConfigs: () => ({}),
  };
}

interface Call {
  /** undefined when the call resolved. */
  error?: Error;
  sent: Sent[];
}

async function callSdk(ctx: CheckContext, input: StopCisSessionCommandInput): Promise<Call> {
  // The SDK warns on Node 20 at its first client; that says nothing about the target.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const target = ctx.settings.target;
  const sent: Sent[] = [];
  const [{ Inspector2Client, StopCisSessionCommand }, { HttpResponse }] = await Promise.all([import('@aws-sdk/client-inspector2'), import('@smithy/protocol-http')]);
  const client = new Inspector2Client({
    endpoint: `${target.origin}${target.pathname.replace(/\/$/, '')}`,
    region: ctx.settings.signing?.region ?? 'us-east-1',
    credentials: ctx.settings.signing?.credentials ?? DUMMY_CREDENTIALS,
    // One attempt: a retry would hide the first answer; the runner waits out 429s itself.
    maxAttempts: 1,
    requestHandler: handlerThrough(ctx, sent, HttpResponse),
  });
  try {
    await client.send(new StopCisSessionCommand(input));
    return { sent };
  } catch (error) {
    if (error instanceof CannotJudge) throw error;
    return { error: error instanceof Error ? error : new Error(String(error)), sent };
  } finally {
    client.destroy();
  }
}

type Input = StopCisSessionCommandInput & { scanJobId: string; sessionToken: string; message: StopCisSessionMessage };

function validInput(ctx: CheckContext, index: number): Input {
  // The body an SDK caller sends: every optional member, as the Inspector SSM plugin fills them.
  return knownValidStop(ctx.seed, index, {
    message: {
      progress: { totalChecks: 10, successfulChecks: 8, failedChecks: 1, notApplicableChecks: 1 },
      reason: 'scan complete',
      benchmarkVersion: '2.0.0',
      benchmarkProfile: 'xccdf_org.cisecurity.benchmarks_profile_Level_1',
      computePlatform: { vendor: 'canonical', product: 'ubuntu', version: '22.04' },
    },
  }).value as Input;
}

function describeError(error: Error): string {
  const status = (error as Error & { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return `rejected with an error named ${error.name}${status !== undefined ? ` (HTTP ${status})` : ''}: ${error.message}`;
}

/** The last exchange of a call, as failure evidence; a call that sent nothing cannot be judged. */
function lastSent(call: Call, what: string): Sent {
  const last = call.sent.at(-1);
  if (!last) {
    throw new CannotJudge(`the AWS SDK sent no request for ${what}${call.error ? ` (${describeError(call.error)})` : ''}; the suite cannot judge the target's answer.`);
  }
  return last;
}

export const realClientValidCallResolves: CaseCheck = {
  kind: 'cases',
  name: 'realClientValidCallResolves',
  requirement: 'S8',
  title: "the AWS SDK's StopCisSessionCommand with a valid input resolves",
  async run(ctx): Promise<CheckResult> {
    const input = validInput(ctx, 0);
    try {
      await ctx.startSession(input.scanJobId, input.sessionToken);
      const call = await callSdk(ctx, input);
      const last = lastSent(call, 'a valid input');
      if (!call.error) return { status: 'passed', cases: 1, judged: 1 };
      return {
        status: 'failed',
        cases: 1,
        judged: 1,
        failure: {
          ...ctx.record(last.request, last.outcome),
          title: 'The AWS SDK could not call the target with a valid input',
          expected: 'StopCisSessionCommand resolves (the target answers 200)',
          received: `${describeError(call.error)}; the target answered ${describeOutcome(last.outcome)}`,
          caseDescription: 'a valid StopCisSession input with every optional member',
          replay: ctx.replay,
        },
      };
    } catch (error) {
      if (error instanceof CannotJudge) return { status: 'could-not-judge', cases: 0, judged: 0, error: error.message };
      throw error;
    }
  },
};

interface InvalidInput {
  description: string;
  input: StopCisSessionCommandInput;
  /** Reads the invalid value back from the body the SDK sent, to show it reached the target unchanged. */
  sentValue(body: { scanJobId?: unknown; message?: { status?: unknown; progress?: { totalChecks?: unknown } } }): unknown;
  value: unknown;
}

function invalidInputs(ctx: CheckContext): InvalidInput[] {
  const upper = seededUuid(ctx.seed, 10).toUpperCase();
  const valid = (index: number) => validInput(ctx, index);
  return [
    { description: 'an upper-case scanJobId', input: { ...valid(11), scanJobId: upper }, value: upper, sentValue: (b) => b.scanJobId },
    {
      description: 'a status outside its four values (DONE)',
      // Deliberately outside the enum: the SDK's types forbid it, its runtime does not check it.
      input: { ...valid(12), message: { ...valid(12).message, status: 'DONE' as StopCisSessionStatus } },
      value: 'DONE',
      sentValue: (b) => b.message?.status,
    },
    {
      description: 'a CheckCount of 65537 (totalChecks)',
      input: { ...valid(13), message: { ...valid(13).message, progress: { totalChecks: 65537 } } },
      value: 65537,
      sentValue: (b) => b.message?.progress?.totalChecks,
    },
  ];
}

export const realClientInvalidInputRejected: CaseCheck = {
  kind: 'cases',
  name: 'realClientInvalidInputRejected',
  requirement: 'S8',
  title: "the AWS SDK's StopCisSessionCommand with an invalid input rejects with ValidationException",
  async run(ctx): Promise<CheckResult> {
    let cases = 0;
    try {
      for (const c of invalidInputs(ctx)) {
        const call = await callSdk(ctx, c.input);
        cases++;
        const last = lastSent(call, c.description);
        // The premise of the check: the SDK sent the invalid value as given, so the target judged it.
        let body: Parameters<InvalidInput['sentValue']>[0] = {};
        try {
          body = JSON.parse(Buffer.from(last.request.body ?? '').toString('utf8')) as typeof body;
        } catch {
          throw new CannotJudge(`the AWS SDK sent a body that is not JSON for ${c.description}; the suite cannot judge the target's answer.`);
        }
        if (c.sentValue(body) !== c.value) {
          throw new CannotJudge(`the AWS SDK changed ${c.description} before sending it (sent ${JSON.stringify(c.sentValue(body))}); the suite cannot judge the target's answer.`);
        }
        if (call.error?.name === 'ValidationException') continue;
        const type = errorTypeOf(last.outcome);
        return {
          status: 'failed',
          cases,
          judged: cases,
          failure: {
            ...ctx.record(last.request, last.outcome),
            title: call.error ? 'The AWS SDK did not name the error ValidationException' : 'The AWS SDK call with an invalid input resolved',
            expected: 'StopCisSessionCommand rejects with an error named ValidationException (the SDK reads X-Amzn-Errortype, or a body __type/code)',
            received: `${call.error ? describeError(call.error) : 'resolved'}; the target answered ${describeOutcome(last.outcome)}${
              last.outcome.kind === 'response' && last.outcome.status >= 300 ? `, ${type === undefined ? 'naming no error type' : `naming ${type}`}` : ''
            }`,
            caseDescription: c.description,
            replay: ctx.replay,
          },
        };
      }
    } catch (error) {
      if (error instanceof CannotJudge) return { status: 'could-not-judge', cases, judged: Math.max(0, cases - 1), error: error.message };
      throw error;
    }
    return { status: 'passed', cases, judged: cases, note: 'the SDK sent each invalid value unchanged (it validates none of them client-side)' };
  },
};
