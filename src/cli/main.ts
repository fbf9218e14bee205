// The command line: `stop-cis-session-conformance <command> [options]` (and `npm run certify` in a
// clone). A user's mistake is one sentence and exit 2; anything else is a bug, said as such.
import { resolve } from 'node:path';
import { checks, describeCheck, isKnownSelector } from '../checks';
import { requirementRange } from '../checks/requirements';
import { expectationsOf } from '../result/baseline';
import { readReport } from '../report/write';
import { fit, wrap } from '../report/terminal';
import { optionSpecs, parseCertifyArgs, readDotenv, sourcedEnv, UsageError, type SourcedEnv } from '../settings';
import { certify, EXIT } from './certify';
import { publishUsageErrorToGithub } from './github';
import { merge, MERGE_USAGE } from './merge';
import { suiteVersion } from './paths';
import { replay } from './replay';

const PACKAGE = 'stop-cis-session-conformance';

/**
 * How the user ran the suite, so every hint it prints is a command that works where they are:
 * `npm run certify --` in a clone of the suite, `npx stop-cis-session-conformance certify` in a
 * project that installed it.
 */
export function invokedAs(env: NodeJS.ProcessEnv): { certify: string } {
  if (env.npm_lifecycle_event === 'certify') return { certify: 'npm run certify --' };
  return { certify: `npx ${PACKAGE} certify` };
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

export function helpText(command: string): string {
  const lines = [`Usage: ${command} [options]`, '', 'Certifies an implementation of PUT /cissession/stop (Amazon Inspector StopCisSession)', 'against the requirements in REQUIREMENTS.md.', ''];
  for (const spec of optionSpecs) {
    const flags = `${spec.short ? `${spec.short}, ` : ''}${spec.flag}${spec.value ? ` ${spec.value}` : ''}`;
    lines.push(`  ${flags}`);
    lines.push(...wrap(`${spec.help}${spec.env ? ` [env ${spec.env}]` : ''}`, '      '));
  }
  lines.push('', 'A .env file in the current directory is read too; the process environment wins over it,', 'and flags win over both.', '');
  lines.push('Exit codes: 0 conformant, 1 non-conformant, 2 inconclusive (could not run or judge).', 'With --baseline: 0 nothing regressed, 1 a regression, 2 inconclusive.');
  return lines.join('\n');
}

function listChecks(): string[] {
  return checks.map((check) => {
    const { id, level, name, title } = describeCheck(check);
    return fit(`${id.padEnd(4)}${level.padEnd(10)}${name}: ${title}`);
  });
}

function usage(): string {
  return [
    `Usage: ${PACKAGE} <command> [options]`,
    '',
    'Commands:',
    '  certify    certify an implementation of PUT /cissession/stop (certify --help for options)',
    `  merge      ${MERGE_USAGE}`,
    '  baseline   baseline REPORT: print the known failures of a conformance.json, for --baseline',
    '',
    'Options: --version, --help',
  ].join('\n');
}

async function runCertify(argv: string[], env: SourcedEnv, command: string): Promise<number> {
  const request = parseCertifyArgs(argv, env, { isKnownSelector, selectorsHint: requirementRange() }, command);
  switch (request.kind) {
    case 'help':
      say(helpText(command));
      return 0;
    case 'version':
      say(suiteVersion());
      return 0;
    case 'list':
      for (const line of listChecks()) say(line);
      return 0;
    case 'replay':
      return replay(request.settings, request.report, request.check, { say, rerun: (again) => runCertify(again, env, command) });
    case 'certify':
      return certify(request.settings, { say, env: env.values });
  }
}

async function main(argv: string[]): Promise<number> {
  const env = sourcedEnv(process.env, readDotenv(resolve('.env')), '.env');
  const commands = invokedAs(process.env);
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      say(usage());
      return EXIT.inconclusive;
    case '--help':
    case '-h':
      say(usage());
      return 0;
    case '--version':
      say(suiteVersion());
      return 0;
    case 'certify':
      return runCertify(rest, env, commands.certify);
    case 'merge': {
      const report = await merge(rest, env, say);
      for (const line of wrap(`verdict: ${report.verdict}. ${report.summary}`, '')) say(line);
      if (report.baseline) for (const line of wrap(`baseline: ${report.baseline.summary}`, '')) say(line);
      return report.baseline?.exitCode ?? EXIT[report.verdict];
    }
    case 'baseline': {
      if (rest.length !== 1 || rest[0].startsWith('-')) throw new UsageError('baseline needs one argument, a conformance.json: baseline REPORT > conformance-baseline.json.');
      let report;
      try {
        report = readReport(resolve(rest[0]));
      } catch {
        throw new UsageError(`baseline: cannot read a conformance.json at ${rest[0]}.`);
      }
      say(JSON.stringify(expectationsOf(report), null, 2));
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"; the commands are certify, merge and baseline (see --help).`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${wrap(`${PACKAGE}: ${error.message}`, '').join('\n')}\n`);
      publishUsageErrorToGithub(error.message, process.env, say);
      process.exit(EXIT.inconclusive);
    }
    process.stderr.write(`${PACKAGE}: internal error (a bug in the suite; please report it):\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(EXIT.inconclusive);
  },
);
