import { formatBanner, listenUrls } from '@gz/server/lib/banner.ts';
import { describe, expect, it } from 'vitest';

describe('start-up banner', () => {
  it('lists every generated account on its own line (strict role separation creates several)', () => {
    const lines = formatBanner({
      urls: ['http://127.0.0.1:3000/'],
      plan: null,
      webApp: true,
      dbPath: './data/tracker.db',
      publicRead: false,
      generatedAccounts: [
        { username: 'admin', role: 'admin', password: 'p1p1p1p1p1p1p1p1' },
        { username: 'secadmin', role: 'security-admin', password: 'p2p2p2p2p2p2p2p2' },
      ],
    });
    expect(lines.slice(2, 10)).toEqual([
      '  Open       http://127.0.0.1:3000/',
      '  API docs   http://127.0.0.1:3000/docs',
      '  Plan       none published yet',
      '  Database   ./data/tracker.db',
      '  First start: account(s) created with generated passwords, shown only this once;',
      '  sign in and change them:',
      '    user admin   role admin   password p1p1p1p1p1p1p1p1',
      '    user secadmin   role security-admin   password p2p2p2p2p2p2p2p2',
    ]);
  });

  it('a wildcard host lists localhost and the external IPv4 addresses; a named host itself', () => {
    const interfaces = {
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
      eth0: [
        { address: '10.1.2.3', family: 'IPv4', internal: false },
        { address: 'fe80::1', family: 'IPv6', internal: false },
      ],
    } as unknown as NodeJS.Dict<import('node:os').NetworkInterfaceInfo[]>;
    expect(listenUrls('0.0.0.0', 3000, interfaces)).toEqual(['http://localhost:3000/', 'http://10.1.2.3:3000/']);
    expect(listenUrls('127.0.0.1', 8080, interfaces)).toEqual(['http://127.0.0.1:8080/']);
    expect(listenUrls('::1', 8080, interfaces)).toEqual(['http://[::1]:8080/']);
  });
});
