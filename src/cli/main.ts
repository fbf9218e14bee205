// The package's command line: `stop-cis-session-conformance <command> [options]`.
import dotenv from 'dotenv';
import { UsageError } from '../runner/settings';
import { certify, EXIT } from './certify';
import { merge } from './merge';

const commands: Record<string, (argv: string[], env: NodeJS.ProcessEnv) => Promise<number>> = {
  certify,
  merge: async (argv, env) => {
    const report = await merge(argv, env);
    process.stdout.write(`verdict: ${report.verdict}. ${report.summary}\n`);
    return EXIT[report.verdict];
  },
};

function usage(): string {
  return `Usage: stop-cis-session-conformance <command> [options]\n\nCommands:\n  certify   certify an implementation of PUT /cissession/stop (certify --help for its options)\n  merge     merge the reports of shards: merge DIR… [--report-dir OUT]\n`;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    process.stdout.write(usage());
    return command === undefined ? EXIT.inconclusive : 0;
  }
  const run = commands[command];
  if (!run) throw new UsageError(`unknown command "${command}"; the commands are: ${Object.keys(commands).join(', ')}.`);
  return run(rest, process.env);
}

dotenv.config({ quiet: true });
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`stop-cis-session-conformance: ${error.message}\n`);
      process.exit(EXIT.inconclusive);
    }
    process.stderr.write(`stop-cis-session-conformance: internal error (a bug in the suite; please report it):\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(EXIT.inconclusive);
  },
);
