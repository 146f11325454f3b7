#!/usr/bin/env node
/**
 * The CDK app: `npx cdk synth|deploy -c stage=dev|staging|prod [-c alarmEmail=ops@example.com]
 * [-c dashboardDomain=dateline.example.com -c dashboardCertificateArn=arn:aws:acm:us-east-1:…]`.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stackId, stageConfig } from '../lib/config';
import { DatelineStack } from '../lib/dateline-stack';

const app = new App();
const config = stageConfig(String(app.node.tryGetContext('stage') ?? 'dev'), {
  alarmEmail: app.node.tryGetContext('alarmEmail') as string | undefined,
  dashboardDomain: app.node.tryGetContext('dashboardDomain') as string | undefined,
  dashboardCertificateArn: app.node.tryGetContext('dashboardCertificateArn') as string | undefined,
});
new DatelineStack(app, stackId(config.stage), {
  config,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  description: `Dateline article pipeline (${config.stage})`,
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
