/**
 * Names for the y-websocket protocol's numbers and for the close codes Glossa uses, so every message type and
 * every reason a socket is closed can be read and tested by name.
 */

/** y-websocket message types (first varUint of every message). */
export const messageSync = 0;
export const messageAwareness = 1;
export const messageQueryAwareness = 3;

/** y-protocols sync sub-types. */
export const syncStep1 = 0;
export const syncStep2 = 1;
export const syncUpdate = 2;

/** WebSocket close codes. 1xxx from RFC 6455; 4xxx are Glossa's own. */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  unsupportedData: 1003,
  invalidPayload: 1007,
  policyViolation: 1008,
  messageTooBig: 1009,
  internalError: 1011,
  unknownDocument: 4404,
  badIdentity: 4400,
  notSignedIn: 4401,
  noAccess: 4403,
  /**
   * The reader's role or name changed: the socket joins again and gets the new one. In the 4500s because stock
   * y-websocket providers treat 4400-4499 as final and stop reconnecting, and 45xx as "try again".
   */
  roleChanged: 4509,
} as const;
