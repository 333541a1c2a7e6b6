import type { FastifyReply } from 'fastify';

const bodies = new WeakMap<object, Buffer>();

/**
 * Sends an answer that several requests share (an entry of a GenerationCache): it is serialised, checked against
 * the route's response schema and encoded as UTF-8 on its first sending only; later requests send the same bytes.
 */
export function sendShared(reply: FastifyReply, answer: object): FastifyReply {
  let body = bodies.get(answer);
  if (body === undefined) {
    body = Buffer.from(reply.serialize(answer) as string);
    bodies.set(answer, body);
  }
  return reply.type('application/json; charset=utf-8').send(body);
}
