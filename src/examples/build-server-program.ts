import type { ExampleStory } from './example-story.js';

/**
 * `bin/dten-server`: a real, dependency-free Node.js program (CommonJS, so it runs from any folder).
 * 4.2.0 requires hybrid mode and answers 503 "fallback" without it; 4.1.0 predates it and calls that mode "legacy".
 */
export function buildServerProgram(story: ExampleStory): string {
  const hybridRequired = story.version !== '4.1.0';
  return String.raw`#!/usr/bin/env node
'use strict';
// dten-server ${story.version}: reads "key = value" config, serves GET /health and GET /version as JSON.
const fs = require('node:fs');
const http = require('node:http');

const VERSION = '${story.version}';
const UNIT = '${story.unit}';
const HYBRID_REQUIRED = ${String(hybridRequired)};

function fail(message) {
  process.stderr.write('dten-server: ' + message + '\n');
  process.exit(2);
}

function readOption(name) {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--' + name) return args[i + 1];
    if (args[i].startsWith('--' + name + '=')) return args[i].slice(name.length + 3);
  }
  return undefined;
}

function readConfig(file) {
  const config = {};
  for (const raw of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const line = raw.trim();
    const eq = line.indexOf('=');
    if (line === '' || line.startsWith('#') || eq < 0) continue;
    config[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return config;
}

const configFile = readOption('config') || process.env.DTEN_CONFIG;
if (!configFile) fail('no config file: pass --config <file> or set DTEN_CONFIG');
let config = {};
try {
  config = readConfig(configFile);
} catch (error) {
  fail('cannot read config ' + configFile + ': ' + error.message);
}
const portText = readOption('port') ?? process.env.PORT ?? config['dten.listen.port'] ?? '8420';
const port = Number(portText);
if (portText === '' || !Number.isInteger(port) || port < 0 || port > 65535) fail('port must be 0-65535, got "' + portText + '"');
const hybrid = config['dten.hybrid.enable'] === 'true';
const mode = hybrid ? 'hybrid' : HYBRID_REQUIRED ? 'fallback' : 'legacy';
if (HYBRID_REQUIRED && 'dten.legacy.mode' in config) process.stderr.write('dten-server: dten.legacy.mode was removed in 4.2.0 and is ignored\n');

function health() {
  const faultFile = process.env.DTEN_FAIL_HEALTH_FILE;
  if (faultFile && fs.existsSync(faultFile)) {
    return [500, { status: 'failing', version: VERSION, mode, reason: 'fault injected: ' + faultFile + ' exists' }];
  }
  if (mode === 'fallback') {
    return [503, { status: 'degraded', version: VERSION, mode, reason: 'dten.hybrid.enable is not true, so dten runs in fallback mode' }];
  }
  return [200, { status: 'ok', version: VERSION, mode }];
}

function route(req) {
  const path = (req.url || '/').split('?')[0];
  if (req.method !== 'GET') return [405, { error: 'only GET is served' }];
  if (path === '/health') return health();
  if (path === '/version') return [200, { name: 'dten', version: VERSION, unit: UNIT }];
  return [404, { error: 'no such path: ' + path }];
}

const server = http.createServer((req, res) => {
  const [status, body] = route(req);
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body) + '\n');
});
server.on('error', (error) => fail('cannot listen on port ' + port + ': ' + error.message));
server.listen(port, config['dten.listen.address'] || '127.0.0.1', () => {
  process.stdout.write('listening ' + server.address().port + '\n');
});

function stop() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
`;
}
