// Moved to src: the console's local fleet needs it too. Kept here for the tests that import it from this path.
export { freePort } from '../../src/agent/host/free-port.js';
