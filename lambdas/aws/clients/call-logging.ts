/**
 * The SDK's logger middleware builds a redacted copy of every request and response for the client's logger on
 * each call, even for the default no-op logger that discards it: about 2% of the CPU the local stack's handlers
 * spend (npm run load profile, docs/benchmarks.md). A client created without a logger does without it; a client
 * given a logger keeps its call logs.
 */
interface WithMiddleware {
  readonly middlewareStack: { remove(toRemove: string): boolean };
}

export function withoutUnreadCallLogs<C extends WithMiddleware>(client: C, logger?: unknown): C {
  if (logger === undefined) client.middlewareStack.remove('loggerMiddleware');
  return client;
}
