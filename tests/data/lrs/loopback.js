// Preloaded with `node -r` when the tests start Learning Locker's xapi-statements: every server
// the process starts listens on 127.0.0.1 only (xapi-statements itself listens on all
// interfaces, and the tests must reach nothing but loopback).
'use strict';
const net = require('net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && typeof args[1] !== 'string') {
    return listen.call(this, args[0], '127.0.0.1', ...args.slice(1));
  }
  return listen.apply(this, args);
};
