// A Vitest reporter for `npm test`: writes the tests that failed, and those that passed only when
// run again, to the file named by ATTENTION_FILE (one line each: file, name, first line of the
// error). The runner prints them beside its closing line, where a CI log's tail shows them.
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';

export default class AttentionReporter {
  onTestCaseResult(testCase) {
    const file = process.env.ATTENTION_FILE;
    if (!file) return;
    const result = testCase.result();
    const retries = testCase.diagnostic()?.retryCount ?? 0;
    const where = `${relative(process.cwd(), testCase.module.moduleId)} › ${testCase.fullName}`;
    if (result.state === 'failed') {
      const error = result.errors?.[0];
      const first = String(error?.message ?? error ?? '').split('\n')[0].slice(0, 300);
      appendFileSync(file, `failed: ${where}: ${first}\n`);
    } else if (result.state === 'passed' && retries > 0) {
      appendFileSync(file, `passed on run ${String(retries + 1)}: ${where}\n`);
    }
  }
}
