// Conformance run of protocol.md with @stomp/stompjs — the STOMP client that browsers and React Native use.
// Usage: BASE_URLS=http://127.0.0.1:8081,http://127.0.0.1:8082 node conformance.mjs
// Prints "ok - ..." / "not ok - ..." per check, then "N passed, M failed"; exits 1 on any failure.
import { Client } from '@stomp/stompjs';
import WebSocket from 'ws';

const baseUrls = (process.env.BASE_URLS || 'http://localhost:8080').split(',').map((u) => u.replace(/\/$/, ''));
const timeoutMs = Number(process.env.CHECK_TIMEOUT_MS || 10000);
const run = Math.random().toString(36).slice(2, 8);
let passed = 0;
let failed = 0;

function check(name, condition, detail = '') {
  if (condition) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${name}${detail ? ': ' + detail : ''}`);
  }
}

async function rest(base, method, path, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function account(name) {
  const username = `${name}_${run}`;
  const password = 'correct horse battery';
  const registered = await rest(baseUrls[0], 'POST', '/api/auth/register', { username, password });
  if (registered.status !== 201) throw new Error(`register ${username}: ${registered.status} ${JSON.stringify(registered.body)}`);
  const login = await rest(baseUrls[0], 'POST', '/api/auth/login', { username, password });
  if (login.status !== 200) throw new Error(`login ${username}: ${login.status}`);
  return { username, userId: login.body.userId, token: login.body.token };
}

/** A connected STOMP session collecting every frame of the four user queues. */
function connect(base, headers) {
  const wsUrl = base.replace(/^http/, 'ws') + '/ws';
  const inbox = { messages: [], acks: [], errors: [], events: [] };
  const waiters = [];
  const client = new Client({
    webSocketFactory: () => new WebSocket(wsUrl),
    connectHeaders: headers,
    heartbeatIncoming: 10000,
    heartbeatOutgoing: 10000,
    reconnectDelay: 0,
    debug: () => {},
  });
  const session = {
    client,
    inbox,
    stompError: null,
    closed: false,
    /** Resolves with the first entry of queue `name` matching `predicate`, or rejects after the timeout. */
    next(name, predicate = () => true) {
      const found = inbox[name].find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { name, predicate, resolve };
        waiters.push(waiter);
        setTimeout(() => reject(new Error(`timed out waiting on ${name}`)), timeoutMs);
      });
    },
    send(destination, body, extraHeaders = {}) {
      client.publish({ destination, body: typeof body === 'string' ? body : JSON.stringify(body), headers: extraHeaders });
    },
  };
  const deliver = (name) => (frame) => {
    const value = JSON.parse(frame.body);
    inbox[name].push(value);
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i].name === name && waiters[i].predicate(value)) {
        waiters[i].resolve(value);
        waiters.splice(i, 1);
      }
    }
  };
  return new Promise((resolve) => {
    client.onConnect = () => {
      for (const name of Object.keys(inbox)) client.subscribe(`/user/queue/${name}`, deliver(name));
      resolve(session);
    };
    client.onStompError = (frame) => {
      session.stompError = frame.headers.message || 'error';
      resolve(session);
    };
    client.onWebSocketClose = () => {
      session.closed = true;
      resolve(session);
    };
    client.activate();
  });
}

const gateway = (i) => baseUrls[i % baseUrls.length];
const bearer = (user) => ({ Authorization: `Bearer ${user.token}` });

async function main() {
  const alice = await account('alice');
  const bob = await account('bob');
  const carol = await account('carol');
  const direct = await rest(gateway(1), 'POST', '/api/conversations', { type: 'direct', memberIds: [bob.userId] }, alice.token);
  check('direct conversation created', direct.status === 201 || direct.status === 200, `status ${direct.status}`);
  const group = await rest(gateway(2), 'POST', '/api/conversations',
    { type: 'group', name: `team ${run}`, memberIds: [bob.userId, carol.userId] }, alice.token);
  check('group conversation created', group.status === 201, `status ${group.status}`);

  const a1 = await connect(gateway(0), bearer(alice));
  const a2 = await connect(gateway(1), bearer(alice));
  const b = await connect(gateway(1), bearer(bob));
  const c = await connect(gateway(2), { passcode: carol.token });
  check('connect with Authorization header', !a1.stompError && !a1.closed);
  check('connect with the token as passcode', !c.stompError && !c.closed);

  // A direct message crosses gateways, is acked to the sending session and echoed to the sender's other session.
  const cmid = `cm-${run}-1`;
  a1.send('/app/chat.send', { conversationId: direct.body.id, clientMessageId: cmid, content: 'hello bob' });
  const ack = await a1.next('acks', (x) => x.clientMessageId === cmid);
  check('ack carries messageId, seq and conversation', ack.messageId && ack.seq === 1 && ack.conversationId === direct.body.id,
    JSON.stringify(ack));
  const atBob = await b.next('messages', (m) => m.clientMessageId === cmid);
  check('recipient on another gateway receives the message', atBob.content === 'hello bob' && atBob.senderId === alice.userId,
    JSON.stringify(atBob));
  const echo = await a2.next('messages', (m) => m.clientMessageId === cmid);
  check("sender's other session gets the echo", echo.messageId === ack.messageId);

  // The same clientMessageId again is the same message.
  a1.send('/app/chat.send', { conversationId: direct.body.id, clientMessageId: cmid, content: 'hello bob' });
  const again = await a1.next('acks', (x) => x.clientMessageId === cmid && x !== ack);
  check('resend of a clientMessageId answers the first ack', again.messageId === ack.messageId && again.seq === ack.seq);

  // Group messages: every member sees one order.
  const count = 20;
  for (let i = 0; i < count; i++) {
    a1.send('/app/chat.send', { conversationId: group.body.id, clientMessageId: `g-${run}-${i}`, content: `msg ${i}` },
      i % 2 === 0 ? { 'content-type': 'application/json' } : {});
  }
  await b.next('messages', (m) => m.clientMessageId === `g-${run}-${count - 1}`);
  await c.next('messages', (m) => m.clientMessageId === `g-${run}-${count - 1}`);
  const seqsAt = (s) => s.inbox.messages.filter((m) => m.conversationId === group.body.id).map((m) => m.seq);
  const bobSeqs = [...new Set(seqsAt(b))].sort((x, y) => x - y);
  check('every group message reaches every member', bobSeqs.length === count && new Set(seqsAt(c)).size === count,
    `bob ${bobSeqs.length}, carol ${new Set(seqsAt(c)).size}`);
  check('seq runs 1..N without holes', bobSeqs[0] === 1 && bobSeqs[count - 1] === count);
  const order = (s) => s.inbox.messages.filter((m) => m.conversationId === group.body.id).map((m) => m.clientMessageId);
  check('contents keep the order they were sent in', JSON.stringify(order(b).filter((v, i, a) => a.indexOf(v) === i))
    === JSON.stringify(Array.from({ length: count }, (_, i) => `g-${run}-${i}`)));

  // Bad input: an error with the right code and clientMessageId; the session stays usable.
  a1.send('/app/chat.send', { conversationId: group.body.id, clientMessageId: `bad-${run}-1`, content: '' });
  const empty = await a1.next('errors', (e) => e.clientMessageId === `bad-${run}-1`);
  check('empty content is invalid_request', empty.code === 'invalid_request', JSON.stringify(empty));
  a1.send('/app/chat.send', { conversationId: group.body.id, clientMessageId: `bad-${run}-2`, content: 'x'.repeat(4001) });
  const long = await a1.next('errors', (e) => e.clientMessageId === `bad-${run}-2`);
  check('content over 4000 characters is invalid_request', long.code === 'invalid_request');
  a1.send('/app/chat.send', '{"conversationId": oops');
  const malformed = await a1.next('errors', (e) => e.code === 'invalid_request' && !e.clientMessageId);
  check('malformed JSON is invalid_request', Boolean(malformed));
  const stranger = await account('mallory');
  const m = await connect(gateway(3), bearer(stranger));
  m.send('/app/chat.send', { conversationId: group.body.id, clientMessageId: `x-${run}`, content: 'let me in' });
  const denied = await m.next('errors', (e) => e.clientMessageId === `x-${run}`);
  check('a non-member cannot send', denied.code === 'forbidden' || denied.code === 'not_found', JSON.stringify(denied));
  check('a non-member receives nothing', m.inbox.messages.length === 0);
  a1.send('/app/chat.send', { conversationId: group.body.id, clientMessageId: `after-${run}`, content: 'still here' });
  const stillUsable = await a1.next('acks', (x) => x.clientMessageId === `after-${run}`);
  check('the session stays usable after errors', stillUsable.seq === count + 1, JSON.stringify(stillUsable));

  // Sync after reconnect: afterSeq returns what was missed, oldest first.
  await c.next('messages', (x) => x.clientMessageId === `after-${run}`);
  const sync = await rest(gateway(3), 'GET', `/api/conversations/${group.body.id}/messages?afterSeq=15&limit=500`, undefined, carol.token);
  check('afterSeq sync returns the missed messages oldest first',
    sync.status === 200 && sync.body.messages.map((x) => x.seq).join(',') === '16,17,18,19,20,21',
    `${sync.status} ${sync.body && sync.body.messages && sync.body.messages.map((x) => x.seq)}`);

  // A bad token gets an ERROR frame and the connection closes.
  const bad = await connect(gateway(0), { Authorization: 'Bearer not-a-token' });
  check('a bad token gets a STOMP ERROR', Boolean(bad.stompError) || bad.closed);

  for (const s of [a1, a2, b, c, m, bad]) await s.client.deactivate();
}

main()
  .catch((error) => check('conformance run completed', false, error.message))
  .finally(() => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed === 0 ? 0 : 1);
  });
