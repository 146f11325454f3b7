/** Synthesizes the stack as `cdk synth` would (cdk.json feature flags, cdk-nag), but without bundling. */
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type StageName, type StageOverrides, stageConfig } from '../../../lib/config';
import { DatelineStack } from '../../../lib/dateline-stack';

/** The feature flags of cdk.json, which `cdk synth` passes to the app. */
export const CDK_CONTEXT = (
  JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

/** An app whose stacks skip asset bundling (offline, seconds) and run the AwsSolutions checks at synth. */
export function testApp(): App {
  const app = new App({ context: { ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}

export interface Synthesized {
  readonly app: App;
  readonly stack: DatelineStack;
  readonly template: Template;
}

export function synthStage(stage: StageName, overrides: StageOverrides = {}): Synthesized {
  const app = testApp();
  const stack = new DatelineStack(app, `Dateline-${stage}`, {
    config: stageConfig(stage, overrides),
    env: { account: '123456789012', region: 'us-east-1' },
  });
  // Template.fromStack synthesizes the app, which runs cdk-nag and throws on any unacknowledged error.
  return { app, stack, template: Template.fromStack(stack) };
}

/** The logical id CloudFormation gives a construct's default resource. */
export function logicalId(stack: DatelineStack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.resolve(stack.getLogicalId(construct.node.defaultChild as never)) as string;
}
