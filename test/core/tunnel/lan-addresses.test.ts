import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { forwardedFor } from '../../../main/core/tunnel/forwarded-for';
import { lanAddresses } from '../../../main/core/tunnel/lan-addresses';

function info(address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo {
  const base = { address, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', internal, cidr: null };
  return family === 'IPv4' ? { ...base, family } : { ...base, family, scopeid: 0 };
}

describe('lanAddresses', () => {
  it('lists external IPv4 addresses with the webhook URL on each', () => {
    const interfaces = {
      lo: [info('127.0.0.1', 'IPv4', true), info('::1', 'IPv6', true)],
      eth0: [info('192.168.1.20', 'IPv4'), info('fe80::1', 'IPv6')],
      'Wi-Fi': [info('10.0.0.5', 'IPv4'), info('169.254.3.4', 'IPv4')],
      empty: undefined,
    };
    expect(lanAddresses(interfaces, 8787, 'send email')).toEqual([
      {
        interface: 'eth0',
        address: '192.168.1.20',
        baseUrl: 'http://192.168.1.20:8787',
        webhookUrl: 'http://192.168.1.20:8787/actions/send%20email',
      },
      { interface: 'Wi-Fi', address: '10.0.0.5', baseUrl: 'http://10.0.0.5:8787', webhookUrl: 'http://10.0.0.5:8787/actions/send%20email' },
    ]);
    expect(lanAddresses(interfaces, 80)[0]).toMatchObject({ baseUrl: 'http://192.168.1.20:80', webhookUrl: null });
  });

  it('is empty on a machine with only loopback', () => {
    expect(lanAddresses({ lo: [info('127.0.0.1', 'IPv4', true)] }, 8787, 'x')).toEqual([]);
  });
});

describe('forwardedFor', () => {
  it('returns the last hop, the one the tunnel appended, whatever the header case', () => {
    expect(forwardedFor(['Host', 'a', 'X-Forwarded-For', '10.0.0.1, 203.0.113.7'])).toBe('203.0.113.7');
    expect(forwardedFor(['x-forwarded-for', '2001:db8::1'])).toBe('2001:db8::1');
    // A caller's own line first, then the line with the hop appended: one list, in order.
    expect(forwardedFor(['X-Forwarded-For', '6.6.6.6', 'X-Forwarded-For', '7.7.7.7, 203.0.113.7'])).toBe('203.0.113.7');
  });

  it('strips a port', () => {
    expect(forwardedFor(['X-Forwarded-For', '203.0.113.7:5555'])).toBe('203.0.113.7');
    expect(forwardedFor(['X-Forwarded-For', '[2001:db8::1]:443'])).toBe('2001:db8::1');
  });

  it('skips empty values and returns null without the header', () => {
    expect(forwardedFor(['X-Forwarded-For', ' ', 'X-Forwarded-For', '198.51.100.2'])).toBe('198.51.100.2');
    expect(forwardedFor(['Host', 'a'])).toBeNull();
    expect(forwardedFor([])).toBeNull();
  });
});
