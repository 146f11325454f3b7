/**
 * One handler thread (see handler-threads.ts): its own SDK clients, the stages' real handlers built by
 * pipelineHandlers, and one SqsPoller per stage with this thread's share of the stage's concurrency.
 */
import './node-support';
import { parentPort, workerData } from 'node:worker_threads';
import type { PipelineStageName } from '../lib/config';
import { type FromThread, type ThreadSpec, type ThreadStats, type ToThread } from './handler-threads';
import { localClients, stagePollerOptions } from './local-stack';
import { threadCpuSeconds } from './process-tree';
import { countRequests } from './request-counter';
import { SqsPoller } from './sqs-poller';
import { pipelineHandlers } from './stage-handlers';

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('handler-thread.ts runs only as a worker thread');
  const spec = workerData as ThreadSpec;
  const post = (message: FromThread): void => port.postMessage(message);
  const clients = localClients(spec.endpoints);
  const requests = countRequests(clients);

  const factory = pipelineHandlers(spec.handlers);
  const pollers = new Map<PipelineStageName, SqsPoller>();
  for (const { wiring, concurrency } of spec.stages) {
    const handler = await factory({ stage: wiring.name, environment: wiring.environment, clients });
    pollers.set(
      wiring.name,
      new SqsPoller(
        stagePollerOptions(wiring, {
          sqs: clients.sqs,
          handler,
          concurrency,
          retryDelaySeconds: spec.retryDelaySeconds,
          onInvocation: (report) => post({ type: 'invocation', stage: wiring.name, report }),
        }),
      ),
    );
  }
  const polling = new Set<PipelineStageName>();
  const handle = async (message: ToThread): Promise<ThreadStats | undefined> => {
    if (message.type === 'stats') {
      return { requests: Object.fromEntries(requests), cpuSeconds: threadCpuSeconds() };
    }
    const mine = message.stages.filter((s) => pollers.has(s));
    if (message.type === 'start') {
      for (const stage of mine.filter((s) => !polling.has(s))) {
        polling.add(stage);
        pollers.get(stage)?.start();
      }
      return undefined;
    }
    const stopping = mine.filter((s) => polling.has(s));
    for (const stage of stopping) polling.delete(stage);
    await Promise.all(
      stopping.map((s) => pollers.get(s)?.stop({ abandonReceives: message.abandonReceives })),
    );
    return undefined;
  };
  port.on('message', (message: ToThread) => {
    void handle(message).then((stats) => post({ type: 'done', id: message.id, ...(stats && { stats }) }));
  });
  post({ type: 'ready' });
}

if (parentPort) void main();
