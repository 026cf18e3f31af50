// A Fastify WebSocket route (@fastify/websocket) authenticated with @fastify/jwt, the token read from the
// `token` query parameter through @fastify/jwt's `verify.extractToken`.
//
// Written the way the docs show it:
//   - @fastify/jwt README, "Usage" (an onRequest hook: `await request.jwtVerify()`, `reply.send(err)`) and
//     "extractToken": https://github.com/fastify/fastify-jwt#extracttoken
//   - fast-jwt `requiredClaims` (passed through @fastify/jwt's `verify` options):
//     https://github.com/nearform/fast-jwt#createverifier
//   - @fastify/websocket README, "Using hooks" (hooks before the upgrade can refuse it) and the
//     `{ websocket: true }` route handler: https://github.com/fastify/fastify-websocket#using-hooks
//
// Usage: JWT_SECRET=... node server.mjs reject|close
//   reject: the onRequest hook replies with @fastify/jwt's error (HTTP 401, JSON body with code and message)
//   close:  the upgrade is accepted; the route verifies and closes 1008 with the error's message as reason
// Prints the port it listens on (127.0.0.1, port 0) as the line "PORT <n>".
import fastifyJwt from '@fastify/jwt';
import fastifyWebsocket from '@fastify/websocket';
import Fastify from 'fastify';

const style = process.argv[2];
const fastify = Fastify();

await fastify.register(fastifyJwt, {
  secret: process.env.JWT_SECRET,
  verify: {
    algorithms: ['HS256'],
    requiredClaims: ['userId', 'role', 'iat', 'exp'],
    extractToken: (request) => request.query.token,
  },
});
await fastify.register(fastifyWebsocket);

if (style === 'reject') {
  fastify.addHook('onRequest', async (request, reply) => {
    try {
      await request.jwtVerify();
    } catch (err) {
      reply.send(err);
    }
  });
}

fastify.get('/ws', { websocket: true }, async (socket, request) => {
  try {
    if (style === 'close') await request.jwtVerify();
  } catch (err) {
    socket.close(1008, err.message);
    return;
  }
  socket.on('message', (message) => socket.send(message));
  socket.send(`welcome ${request.user.userId}`);
});

await fastify.listen({ port: 0, host: '127.0.0.1' });
console.log(`PORT ${fastify.server.address().port}`);
