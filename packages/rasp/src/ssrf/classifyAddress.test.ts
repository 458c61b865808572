import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyIp, parseIpv4Loose } from './classifyAddress.js';

/** Each range's first and last address, and its neighbours just outside. */
const IPV4: readonly (readonly [string, string | undefined])[] = [
  ['0.0.0.0', 'unspecified'],
  ['0.0.0.1', 'reserved'],
  ['0.255.255.255', 'reserved'],
  ['1.0.0.0', 'public'],
  ['9.255.255.255', 'public'],
  ['10.0.0.0', 'private'],
  ['10.255.255.255', 'private'],
  ['11.0.0.0', 'public'],
  ['100.63.255.255', 'public'],
  ['100.64.0.0', 'private'],
  ['100.127.255.255', 'private'],
  ['100.128.0.0', 'public'],
  ['100.100.100.200', 'metadata'],
  ['126.255.255.255', 'public'],
  ['127.0.0.0', 'loopback'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.255', 'loopback'],
  ['128.0.0.0', 'public'],
  ['169.253.255.255', 'public'],
  ['169.254.0.0', 'link-local'],
  ['169.254.169.254', 'metadata'],
  ['169.254.170.2', 'metadata'],
  ['169.254.255.255', 'link-local'],
  ['169.255.0.0', 'public'],
  ['172.15.255.255', 'public'],
  ['172.16.0.0', 'private'],
  ['172.31.255.255', 'private'],
  ['172.32.0.0', 'public'],
  ['192.0.0.0', 'reserved'],
  ['192.0.0.192', 'metadata'],
  ['192.0.0.255', 'reserved'],
  ['192.0.1.0', 'public'],
  ['192.0.2.1', 'reserved'],
  ['192.167.255.255', 'public'],
  ['192.168.0.0', 'private'],
  ['192.168.255.255', 'private'],
  ['192.169.0.0', 'public'],
  ['198.17.255.255', 'public'],
  ['198.18.0.0', 'reserved'],
  ['198.19.255.255', 'reserved'],
  ['198.20.0.0', 'public'],
  ['198.51.100.7', 'reserved'],
  ['203.0.113.9', 'reserved'],
  ['8.8.8.8', 'public'],
  ['223.255.255.255', 'public'],
  ['224.0.0.0', 'multicast'],
  ['239.255.255.255', 'multicast'],
  ['240.0.0.0', 'reserved'],
  ['255.255.255.255', 'reserved'],
  ['256.0.0.1', undefined],
  ['1.2.3', undefined],
  ['example.com', undefined],
  ['', undefined],
];

const IPV6: readonly (readonly [string, string | undefined])[] = [
  ['::', 'unspecified'],
  ['0:0:0:0:0:0:0:0', 'unspecified'],
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['::2', 'reserved'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::FFFF:7F00:0001', 'loopback'],
  ['::ffff:a9fe:a9fe', 'metadata'],
  ['::ffff:10.1.2.3', 'private'],
  ['::ffff:8.8.8.8', 'public'],
  ['::ffff:0:127.0.0.1', 'loopback'],
  ['64:ff9b::127.0.0.1', 'loopback'],
  ['64:ff9b::a9fe:a9fe', 'metadata'],
  ['64:ff9b::c0a8:101', 'private'],
  ['64:ff9b::808:808', 'public'],
  ['2002:7f00:1::', 'loopback'],
  ['2002:808:808::1', 'public'],
  ['fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'reserved'],
  ['fe80::', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'link-local'],
  ['fec0::1', 'private'],
  ['fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'reserved'],
  ['fc00::', 'private'],
  ['fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'private'],
  ['fd00:ec2::254', 'metadata'],
  ['fd00:ec2::255', 'private'],
  ['fe00::', 'reserved'],
  ['ff00::', 'multicast'],
  ['ff02::1', 'multicast'],
  ['1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'reserved'],
  ['2000::', 'public'],
  ['2001:4860:4860::8888', 'public'],
  ['2001:db8::1', 'reserved'],
  ['2001:db9::1', 'public'],
  ['3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'public'],
  ['4000::', 'reserved'],
  ['1:2:3:4:5:6:7:8:9', undefined],
  ['1::2::3', undefined],
  ['12345::', undefined],
  ['::ffff:300.0.0.1', undefined],
  [':', undefined],
  ['1:2:3:4:5:6:7', undefined],
];

test('IPv4 ranges are classified at their boundaries', () => {
  for (const [address, expected] of IPV4) assert.equal(classifyIp(address), expected, address);
});

test('IPv6 ranges and embedded IPv4 forms are classified', () => {
  for (const [address, expected] of IPV6) assert.equal(classifyIp(address), expected, address);
});

test('parseIpv4Loose reads the forms inet_aton accepts', () => {
  const forms: readonly (readonly [string, string | undefined])[] = [
    ['127.0.0.1', '127.0.0.1'],
    ['2130706433', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['0X7F.0.0.1', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['127.0.1', '127.0.0.1'],
    ['0', '0.0.0.0'],
    ['0x', '0.0.0.0'],
    ['017700000001', '127.0.0.1'],
    ['169.254.43518', '169.254.169.254'],
    ['0xa9.0xfe.0xa9.0xfe', '169.254.169.254'],
    ['0251.0376.0251.0376', '169.254.169.254'],
    ['2852039166', '169.254.169.254'],
    ['10.1.', '10.0.0.1'],
    ['4294967295', '255.255.255.255'],
    ['4294967296', undefined],
    ['256.0.0.1', undefined],
    ['1.2.3.256', undefined],
    ['1.2.65536', undefined],
    ['1.2.3.4.5', undefined],
    ['08.0.0.1', undefined],
    ['0x7g.1', undefined],
    ['1..1', undefined],
    ['.1', undefined],
    ['example.com', undefined],
    ['-1', undefined],
    ['', undefined],
  ];
  for (const [host, expected] of forms) assert.equal(parseIpv4Loose(host), expected, host);
});

test('odd inputs never throw', () => {
  for (const value of [null, undefined, 42, {}, 'x'.repeat(1_000_000), ':'.repeat(100)]) {
    assert.equal(classifyIp(value as string), undefined);
    assert.equal(parseIpv4Loose(value as string), undefined);
  }
});
