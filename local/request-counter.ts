import type { HandlerExecutionContext, InitializeHandler, InitializeHandlerArguments } from '@smithy/types';
import type { LocalClients } from './local-stack';

/**
 * Counts what the clients send, by `service:Command` (e.g. `dynamodb:PutItem`), while `counting()` holds. Add
 * it before the clients' first request: the figures of `npm run load`.
 */
export function countRequests(
  clients: Partial<Pick<LocalClients, 'dynamodb' | 'sqs' | 's3'>>,
  counting: () => boolean = () => true,
): Map<string, number> {
  const requests = new Map<string, number>();
  const count =
    (service: string) =>
    <I extends object, O extends object>(next: InitializeHandler<I, O>, context: HandlerExecutionContext) =>
    (args: InitializeHandlerArguments<I>) => {
      if (counting()) {
        const name = `${service}:${String(context.commandName).replace(/Command$/, '')}`;
        requests.set(name, (requests.get(name) ?? 0) + 1);
      }
      return next(args);
    };
  const step = { step: 'initialize', name: 'requestCounter' } as const;
  clients.dynamodb?.middlewareStack.add(count('dynamodb'), step);
  clients.sqs?.middlewareStack.add(count('sqs'), step);
  clients.s3?.middlewareStack.add(count('s3'), step);
  return requests;
}
