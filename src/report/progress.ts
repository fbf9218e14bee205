// A check's line as a CI log shows it, printed as its record comes in: marked by what it came to
// (✓ passed, ✗ failed, ⚠ warning, – not judged or skipped, ! could not judge, · observed), in at
// most 100 columns. It renders the record; it decides nothing.
import type { CheckRecord } from '../checks/types';
import { countsForVerdict } from '../result/verdict';
import { fit, markOf } from './terminal';

export function progressLine(record: CheckRecord, strict: boolean): string {
  const mark = markOf(record.status, countsForVerdict(record.level, strict), record.level);
  const what =
    record.status === 'passed' ? `${record.judged} ${record.level === 'TOLERATED' ? 'observed' : 'judged'}`
    : record.status === 'failed' ? (record.failure ? `${record.failure.title}: ${record.failure.received}` : 'failed')
    : record.status === 'could-not-judge' ? `could not judge: ${record.error ?? ''}`
    : `${record.status === 'skipped' ? 'skipped' : 'not judged'}: ${record.reason ?? ''}`;
  return fit(`${mark} ${record.id.padEnd(3)} ${record.name}  ${what}`);
}
