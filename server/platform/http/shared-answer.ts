import type { FastifyReply } from 'fastify';

const texts = new WeakMap<object, ReturnType<FastifyReply['serialize']>>();

/**
 * Sends an answer that several requests share (an entry of a GenerationCache): it is serialised, and checked
 * against the route's response schema, on its first sending only; later requests send the same text.
 */
export function sendShared(reply: FastifyReply, answer: object): FastifyReply {
  let text = texts.get(answer);
  if (text === undefined) {
    text = reply.serialize(answer);
    texts.set(answer, text);
  }
  return reply.type('application/json; charset=utf-8').send(text);
}
