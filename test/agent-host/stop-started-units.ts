// Moved to src: the console's local fleet stops its hosts' services too. Kept here for tests that import this path.
export { stopStartedUnits } from '../../src/agent/host/stop-started-units.js';
