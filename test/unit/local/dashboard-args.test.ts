import { parseStartArgs } from '../../../local/start-command';

describe('npm start --port', () => {
  it('takes the dashboard port', () => {
    expect(parseStartArgs(['--port', '9090']).port).toBe(9090);
  });
  it('leaves the default (8080) to the server when absent', () => {
    expect(parseStartArgs([]).port).toBeUndefined();
  });
  it.each([
    [['--port', 'eighty'], /--port expects a port number/],
    [['--port', '70000'], /--port expects a port number/],
    [['--once', '--port', '9090'], /--port goes with plain `npm start`/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseStartArgs(argv)).toThrow(message);
  });
});
