// A check's line as a CI log shows it, printed as its record comes in: marked by what it came to
// (✓ passed, ✗ failed, ⚠ warning, – not judged or skipped, ! could not judge, · observed), with
// how the run goes (requests in flight, answers a second), in at most 100 columns; and, while no
// check ends for a while, a line of the run's pace alone. It renders; it decides nothing.
import type { CheckRecord } from '../checks/types';
import { countsForVerdict } from '../result/verdict';
import { COLUMNS, fit, markOf } from './terminal';

/** How the run goes as a check ends: requests in flight now, the limit on them, answers so far and answers a second lately. */
export interface Pace {
  inFlight: number;
  limit: number;
  answered: number;
  perSecond: number;
}

/** "48 in flight, 812/s". */
function paceTag(pace: Pace): string {
  return `${pace.inFlight} in flight, ${pace.perSecond}/s`;
}

/** While no check has ended for a while: how the run goes. */
export function paceLine(pace: Pace): string {
  return fit(`… ${pace.answered} answered, ${pace.inFlight} in flight (limit ${pace.limit}), ${pace.perSecond} answers/s`);
}

export function progressLine(record: CheckRecord, strict: boolean, pace?: Pace): string {
  const mark = markOf(record.status, countsForVerdict(record.level, strict), record.level);
  const what =
    record.status === 'passed' ? `${record.judged} ${record.level === 'TOLERATED' ? 'observed' : 'judged'}`
    : record.status === 'failed' ? (record.failure ? `${record.failure.title}: ${record.failure.received}` : 'failed')
    : record.status === 'could-not-judge' ? `could not judge: ${record.error ?? ''}`
    : `${record.status === 'skipped' ? 'skipped' : 'not judged'}: ${record.reason ?? ''}`;
  const line = `${mark} ${record.id.padEnd(3)} ${record.name}  ${what}`;
  if (!pace) return fit(line);
  const tag = `  [${paceTag(pace)}]`;
  return `${fit(line, COLUMNS - tag.length)}${tag}`;
}
