// The Lambda entry modules read their configuration at import: a missing or bad variable fails the cold start.
jest.mock('../../../lambdas/core/article/parse-article', () => ({ parseArticleFile: jest.fn() }));
jest.mock('../../../lambdas/core/enrich/enrich-article', () => ({ enrichArticle: jest.fn() }));

const ENTRY = {
  parse: '../../../lambdas/parse/handler',
  enrich: '../../../lambdas/enrich/handler',
  store: '../../../lambdas/store/handler',
} as const;

const COMPLETE: Record<keyof typeof ENTRY, Record<string, string>> = {
  parse: { NEXT_QUEUE_URL: 'https://queue/enrich', ARTIFACTS_BUCKET: 'artifacts', MAX_FILE_BYTES: '1048576' },
  enrich: { NEXT_QUEUE_URL: 'https://queue/store', ARTIFACTS_BUCKET: 'artifacts' },
  store: { TABLE_NAME: 'articles', ARTIFACTS_BUCKET: 'artifacts' },
};

function importWith(stage: keyof typeof ENTRY, env: Record<string, string>): { handler: unknown } {
  const saved = { ...process.env };
  Object.assign(
    process.env,
    { AWS_REGION: 'us-east-1', POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT' },
    env,
  );
  try {
    let mod: { handler: unknown } = { handler: undefined };
    jest.isolateModules(() => {
      mod = jest.requireActual<{ handler: unknown }>(ENTRY[stage]);
    });
    return mod;
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

describe.each(Object.keys(ENTRY) as Array<keyof typeof ENTRY>)('%s handler module', (stage) => {
  it('exports a handler when its environment is complete', () => {
    expect(typeof importWith(stage, COMPLETE[stage]).handler).toBe('function');
  });

  it.each(Object.keys(COMPLETE[stage]))('refuses to initialise without %s', (missing) => {
    const env = { ...COMPLETE[stage] };
    delete env[missing];
    expect(() => importWith(stage, env)).toThrow(missing);
  });
});

describe('parse handler module', () => {
  it.each(['0', '-5', '1.5', 'ten'])('rejects MAX_FILE_BYTES=%s', (value) => {
    expect(() => importWith('parse', { ...COMPLETE.parse, MAX_FILE_BYTES: value })).toThrow('MAX_FILE_BYTES');
  });
});
