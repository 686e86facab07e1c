export { freePort } from '../../src/cli/free-port.js';
