import { attributesToQuery } from './attributes.ts';

const element = (attributes: Record<string, string>) => (name: string) => attributes[name] ?? null;

describe('element attributes', () => {
  it('reads each option in kebab case, lowercase or without its unit', () => {
    const { query, notes } = attributesToQuery(element({ scenario: 'stampede', ttl: '5000', 'burst-size': '20', dblatencyms: '80' }));
    expect(Object.fromEntries(query)).toEqual({ scenario: 'stampede', ttlMs: '5000', burstSize: '20', dbLatencyMs: '80' });
    expect(notes).toEqual([]);
  });

  it('one option set by several spellings with different values: the first spelling wins and a note names them all', () => {
    const { query, notes } = attributesToQuery(element({ ttl: '3000', 'ttl-ms': '5000', ttlms: '7000', 'burst-size': '20', burstsize: '20' }));
    expect(query.get('ttlMs')).toBe('5000');
    expect(query.get('burstSize')).toBe('20');
    expect(notes).toEqual(['ttlMs: set 3 ways with different values (ttl-ms="5000", ttlms="7000", ttl="3000"); using ttl-ms, ignoring ttlms and ttl']);
  });
});
