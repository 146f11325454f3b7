import { concurrencyShare, threadPlans } from '../../../local/handler-threads';
import type { LocalStage } from '../../../local/local-stack';

const stage = (name: LocalStage['name'], maximumConcurrency: number | null): LocalStage =>
  ({ name, mapping: { maximumConcurrency } }) as unknown as LocalStage;

describe('handler threads: concurrency split', () => {
  it('splits a stage concurrency so the threads together run exactly the mapping maximum', () => {
    for (const concurrency of [1, 2, 3, 5, 10]) {
      for (const threads of [1, 2, 3, 4]) {
        const shares = Array.from({ length: threads }, (_, i) => concurrencyShare(concurrency, threads, i));
        expect(shares.reduce((a, b) => a + b, 0)).toBe(concurrency);
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('gives every thread one invocation of each stage when the stages allow two and there are two threads', () => {
    const plans = threadPlans([stage('parse', 2), stage('enrich', 2), stage('store', 2)], 2);
    expect(plans.map((p) => p.map((s) => [s.wiring.name, s.concurrency]))).toStrictEqual([
      [
        ['parse', 1],
        ['enrich', 1],
        ['store', 1],
      ],
      [
        ['parse', 1],
        ['enrich', 1],
        ['store', 1],
      ],
    ]);
  });

  it('drops threads left with nothing to run, and reads an uncapped mapping as one', () => {
    const plans = threadPlans([stage('parse', 2), stage('enrich', null), stage('store', 1)], 4);
    expect(plans.map((p) => p.map((s) => [s.wiring.name, s.concurrency]))).toStrictEqual([
      [
        ['parse', 1],
        ['enrich', 1],
        ['store', 1],
      ],
      [['parse', 1]],
    ]);
  });
});
