import type { Reporter, TestModule, Vitest } from "vitest/node";

export const ATTACK_PREFIX = "attack:";

/**
 * The summary of a run's attack tests: an attack counts as refused only when its
 * test passed. Attacks that did not run (skipped, or left out by a -t filter) are
 * named apart, so that they are neither counted as refused nor hidden.
 */
export function attackSummary(states: readonly string[]): string {
  const ran = states.filter((state) => state === "passed" || state === "failed");
  const refused = ran.filter((state) => state === "passed").length;
  const notRun = states.length - ran.length;
  return (
    `security suite: ${ran.length} attacks tried, ${refused} refused, ${ran.length - refused} not refused` +
    (notRun > 0 ? ` (${notRun} not run)` : "")
  );
}

/** Prints one line at the end of a run counting the tests named "attack: …". */
export default class AttackReporter implements Reporter {
  private vitest?: Vitest;

  onInit(vitest: Vitest) {
    this.vitest = vitest;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const states = testModules
      .flatMap((testModule) => [...testModule.children.allTests()])
      .filter((test) => test.name.startsWith(ATTACK_PREFIX))
      .map((test) => test.result().state);
    if (states.length > 0) this.vitest?.logger.log(attackSummary(states));
  }
}
