// End to end with a real peer: SIPp (sip-tester) calls a test UAS that challenges like a proxy.
// INVITE draws 407 with Proxy-Authenticate; SIPp ACKs it and re-sends the INVITE with
// Proxy-Authorization ([authentication] keyword); 200, ACK, BYE, 200. The UAS is the
// DigestChallenger behind the SIP transport layer; it echoes tags and needs no dialog layer.
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/core/clock.js';
import { AuthMissing, DigestChallenger } from '../../../src/sip/auth/index.js';
import type { SipRequest, SipResponse } from '../../../src/sip/message/index.js';
import { newTag, responseTo } from '../../../src/sip/registrar/index.js';
import { TransportLayer, UdpTransport, type Endpoint } from '../../../src/sip/transport/index.js';
import { runSipp } from './sipp.js';

const SCENARIO = `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="INVITE with proxy Digest authentication">
  <send retrans="500">
    <![CDATA[
      INVITE sip:+15551234@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:pbx1@[local_ip]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:+15551234@[remote_ip]>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: <sip:pbx1@[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>
  <recv response="407" auth="true"/>
  <send>
    <![CDATA[
      ACK sip:+15551234@[remote_ip]:[remote_port] SIP/2.0
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>
  <send retrans="500">
    <![CDATA[
      INVITE sip:+15551234@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:pbx1@[local_ip]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:+15551234@[remote_ip]>
      Call-ID: [call_id]
      CSeq: 2 INVITE
      Contact: <sip:pbx1@[local_ip]:[local_port]>
      [authentication username=pbx1 password=s3cret]
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>
  <recv response="200" rtd="true"/>
  <send>
    <![CDATA[
      ACK sip:+15551234@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:pbx1@[local_ip]>;tag=[pid]SIPpTag00[call_number]
      [last_To:]
      Call-ID: [call_id]
      CSeq: 2 ACK
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>
  <send retrans="500">
    <![CDATA[
      BYE sip:+15551234@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:pbx1@[local_ip]>;tag=[pid]SIPpTag00[call_number]
      [last_To:]
      Call-ID: [call_id]
      CSeq: 3 BYE
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>
  <recv response="200"/>
</scenario>
`;

/** A UAS answering INVITE (after proxy authentication) and BYE with 200; one To tag per call. */
function testUas(challenger: DigestChallenger, local: Endpoint, log: string[]): (request: SipRequest) => SipResponse | undefined {
  const tag = newTag();
  return (request) => {
    log.push(request.method);
    if (request.method === 'ACK') return undefined;
    if (request.method === 'BYE') return responseTo(request, 200, 'OK', [], tag);
    const auth = challenger.authenticate(request);
    if (!auth.ok) {
      log.push(`${auth.error.status} ${auth.error.error.code}`);
      return responseTo(request, auth.error.status, auth.error.reason, auth.error.headers, tag);
    }
    log.push(`200 ${auth.value.account}`);
    return responseTo(request, 200, 'OK', [{ name: 'Contact', value: `<sip:gw@${local.address}:${local.port}>` }], tag);
  };
}

describe('INVITE with proxy Digest authentication, SIPp as the caller', () => {
  let layer: TransportLayer | undefined;
  afterEach(async () => {
    await layer?.close();
    layer = undefined;
  });

  it('challenges with 407 and accepts the Proxy-Authorization of the re-sent INVITE', async () => {
    const challenger = new DigestChallenger({
      realm: 'gw.example.net',
      role: 'proxy',
      // SIPp 3.6 answers the first challenge only, and only MD5 (docs/sip-auth.md).
      algorithms: ['MD5'],
      clock: systemClock,
      lookup: (username) => (username === 'pbx1' ? { id: 'trunk-a', password: 's3cret' } : undefined),
    });
    layer = new TransportLayer();
    const udp = new UdpTransport({ host: '127.0.0.1', port: 0 });
    layer.register(udp);
    const local = await udp.listen();
    const log: string[] = [];
    const uas = testUas(challenger, local, log);
    layer.on('message', ({ message, source }) => {
      const response = message.kind === 'request' ? uas(message) : undefined;
      if (response !== undefined) layer?.sendResponse(response, source);
    });

    // SIPp hashes sip:host:port as the digest uri unless -auth_uri (sip: is prefixed) gives the
    // Request-URI: docs/sip-auth.md.
    const run = await runSipp(SCENARIO, local.port, ['-auth_uri', `+15551234@127.0.0.1:${local.port}`]);
    expect(run.code, run.log).toBe(0);
    expect(log).toEqual(['INVITE', `407 ${AuthMissing.code}`, 'ACK', 'INVITE', '200 trunk-a', 'ACK', 'BYE']);
  }, 30_000);
});
