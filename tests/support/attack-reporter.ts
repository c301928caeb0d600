import type { Reporter, TestModule, Vitest } from "vitest/node";
import type { AttackRecord, Defence } from "./attacks";

export const ATTACK_PREFIX = "attack:";

/** One attack test as the summary counts it: how its test ended, and what it recorded (tests/support/attacks.ts `refusedBy`). */
export interface AttackOutcome {
  state: string;
  record?: AttackRecord;
}

const tally = (defences: readonly Defence[]) => {
  const counts = new Map<Defence, number>();
  for (const defence of defences) counts.set(defence, (counts.get(defence) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([defence, count]) => `${defence} ${count}`).join(", ");
};

/**
 * The summary of a run's attack tests. An attack counts as refused by its
 * targeted defence only when its test passed and every refusal it recorded
 * came from the defence it names; an attack that passed but was refused by
 * another gate first is listed apart under that gate ("refused earlier by"),
 * and one that recorded nothing apart again. Attacks that did not run
 * (skipped, or left out by a -t filter) are named apart, neither counted as
 * refused nor hidden.
 */
export function attackSummary(outcomes: readonly AttackOutcome[]): string {
  const ran = outcomes.filter(({ state }) => state === "passed" || state === "failed");
  const passed = ran.filter(({ state }) => state === "passed");
  const targeted: Defence[] = [];
  const earlier: Defence[] = [];
  let unrecorded = 0;
  for (const { record } of passed) {
    if (!record?.refusals.length) unrecorded += 1;
    else {
      const other = record.refusals.find((refusal) => refusal.defence !== record.targets);
      if (other) earlier.push(other.defence);
      else targeted.push(record.targets);
    }
  }
  const notRun = outcomes.length - ran.length;
  const lines = [
    `security suite: ${ran.length} attacks tried, ${targeted.length} refused by their targeted defence, ${earlier.length} refused earlier by another, ` +
      `${unrecorded} refused with no defence recorded, ${ran.length - passed.length} not refused` +
      (notRun > 0 ? ` (${notRun} not run)` : ""),
  ];
  if (targeted.length) lines.push(`  refused by their targeted defence: ${tally(targeted)}`);
  if (earlier.length) lines.push(`  refused earlier by: ${tally(earlier)}`);
  return lines.join("\n");
}

/** Prints the summary at the end of a run of the tests named "attack: …". */
export default class AttackReporter implements Reporter {
  private vitest?: Vitest;

  onInit(vitest: Vitest) {
    this.vitest = vitest;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const outcomes = testModules
      .flatMap((testModule) => [...testModule.children.allTests()])
      .filter((test) => test.name.startsWith(ATTACK_PREFIX))
      .map((test) => ({ state: test.result().state, record: test.meta().attack }));
    if (outcomes.length > 0) this.vitest?.logger.log(attackSummary(outcomes));
  }
}
