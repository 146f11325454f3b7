import { isDebris } from '../../../../lambdas/core/article/debris';

describe('page debris', () => {
  it.each([
    '██ Syrian Democratic Forces',
    '■ Government held',
    '● Protest sites',
    'Share this article',
    '5 min read',
  ])('%s is debris', (block) => expect(isDebris(block)).toBe(true));

  it.each([
    '■ The council voted on Monday to close the bridge.',
    'Syrian Democratic Forces',
    'Forces loyal to the government held the town.',
  ])('%s is not', (block) => expect(isDebris(block)).toBe(false));
});
