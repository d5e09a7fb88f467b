import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The mutation score of the last `npm run mutate`, read from Stryker's JSON report
 * (`reports/mutation/mutation.json`, schema `mutation-testing-report-schema`). The bench does not
 * run Stryker (that takes tens of minutes); it reports what the last run found, and when.
 */

/** Where `stryker.config.json` writes its JSON report. */
export const mutationReportPath = path.join('reports', 'mutation', 'mutation.json');

/** A mutant's status as Stryker reports it. */
type MutantStatus =
  | 'Killed'
  | 'Survived'
  | 'NoCoverage'
  | 'Timeout'
  | 'CompileError'
  | 'RuntimeError'
  | 'Ignored'
  | 'Pending';

interface MutationReport {
  readonly files: Readonly<Record<string, { readonly mutants: ReadonlyArray<{ readonly status: MutantStatus }> }>>;
}

/** Counts and score of one file or of all of them. */
export interface MutationCounts {
  readonly killed: number;
  readonly survived: number;
  readonly noCoverage: number;
  readonly timeout: number;
  /** Left out of the score: mutants that do not compile or were ignored on purpose. */
  readonly excluded: number;
  /** Detected (killed or timed out) over valid mutants, in percent, two decimals; Stryker's own definition. */
  readonly score: number;
}

export interface MutationFigures {
  readonly reportWrittenAt: string;
  readonly total: MutationCounts;
  readonly files: Readonly<Record<string, MutationCounts>>;
}

/**
 * The score per file and overall, by Stryker's definition: (killed + timeout) / (killed + timeout
 * + survived + no coverage). Compile errors, runtime errors and ignored mutants do not count.
 */
export function mutationCounts(statuses: readonly MutantStatus[]): MutationCounts {
  const count = (status: MutantStatus) => statuses.filter((each) => each === status).length;
  const killed = count('Killed');
  const timeout = count('Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const valid = killed + timeout + survived + noCoverage;
  const score = valid === 0 ? 100 : Math.round(((killed + timeout) / valid) * 10_000) / 100;
  return { killed, survived, noCoverage, timeout, excluded: statuses.length - valid, score };
}

/** The figures of the last mutation run, or `undefined` (with the reason printed) when there was none. */
export async function readMutationFigures(projectRoot: string): Promise<MutationFigures | undefined> {
  const file = path.join(projectRoot, mutationReportPath);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    console.log(`No mutation report at ${mutationReportPath}: run \`npm run mutate\` for mutationScore.`);
    return undefined;
  }
  const report = JSON.parse(text) as MutationReport;
  const files = Object.fromEntries(
    Object.entries(report.files)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, { mutants }]) => [name, mutationCounts(mutants.map((mutant) => mutant.status))]),
  );
  const all = Object.values(report.files).flatMap(({ mutants }) => mutants.map((mutant) => mutant.status));
  const { mtime } = await stat(file);
  return { reportWrittenAt: mtime.toISOString(), total: mutationCounts(all), files };
}

/** The report's lines: the score overall and of each file below the goal, or why there is none. */
export function mutationReport(figures: MutationFigures | undefined): string[] {
  if (figures === undefined) return ['', 'Mutation score: no report (run `npm run mutate`)'];
  const { total } = figures;
  const below = Object.entries(figures.files).filter(([, counts]) => counts.score < mutationScoreGoal);
  return [
    '',
    `Mutation score (npm run mutate, report of ${figures.reportWrittenAt}): ${total.score}% ` +
      `(${total.killed + total.timeout} detected, ${total.survived} survived, ${total.noCoverage} without coverage; ` +
      `goal ${mutationScoreGoal}%)`,
    ...below.map(([file, counts]) => `  below the goal: ${file} ${counts.score}%`),
  ];
}

/** The goal of issue 14, also Stryker's `thresholds.break` in stryker.config.json. */
const mutationScoreGoal = 85;
