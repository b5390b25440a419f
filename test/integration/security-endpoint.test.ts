import { describe, expect, it } from 'vitest';
import { insecureEndpointWarning } from '../../extension/engine';

describe('insecureEndpointWarning', () => {
  it.each([
    ['http://10.0.0.5:8000/v1', '10.0.0.5:8000'],
    ['http://gpu-box.lan:11434', 'gpu-box.lan:11434'],
    ['http://api.example.com/v1', 'api.example.com'],
    ['http://[2001:db8::1]:8000/v1', '[2001:db8::1]:8000'],
    ['http://128.0.0.1/v1', '128.0.0.1'],
    ['http://localhost.example.com/v1', 'localhost.example.com'],
  ])('warns for plain http to another machine: %s', (url, host) => {
    const warning = insecureEndpointWarning(url);
    expect(warning).toBe(`The endpoint ${new URL(url).origin} is plain http://: Stepwise sends problems and the API key unencrypted to ${host}; use https:// or a server on this machine.`);
  });

  it.each([
    'https://api.example.com/v1',
    'http://127.0.0.1:11434',
    'http://127.8.9.10:8000/v1',
    'http://127.1:8000',
    'http://2130706433/',
    'http://localhost:8000/v1',
    'http://LOCALHOST.:8000/v1',
    'http://ollama.localhost/',
    'http://[::1]:8000/v1',
    'http://[::ffff:127.0.0.1]:8000/v1',
    'not a url',
  ])('stays quiet for https, loopback and what is not a URL: %s', (url) => {
    expect(insecureEndpointWarning(url)).toBeUndefined();
  });

  it('never puts a key written into the URL in the warning', () => {
    const warning = insecureEndpointWarning('http://user:sk-in-url-123@10.1.2.3:8000/v1?key=sk-query-456');
    expect(warning).toContain('10.1.2.3:8000');
    expect(warning).not.toMatch(/sk-in-url|sk-query|user/);
  });
});
