// kopeck for Node: the same kopeck.wasm that Go and PHP use, loaded with
// @extism/extism. Every call takes and returns plain objects.
//
//   import { Kopeck } from './kopeck.js';
//   const kopeck = await Kopeck.open();            // ../../host/kopeck.wasm by default
//   const answer = await kopeck.build({ settings, source: 'generic', order });
//   if (answer.errors) { ... answer.errors[i].code / .path / .message ... }
//   else { await fetch(answer.request.url, { method: answer.request.method,
//                                            headers: answer.request.headers,
//                                            body: answer.request.body }); }
//
// Money in answers is decimal strings in rubles ("141.91"): parse them with
// kopecks() below, never with parseFloat.
import createPlugin from '@extism/extism';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const defaultWasm = fileURLToPath(new URL('../../host/kopeck.wasm', import.meta.url));

export class Kopeck {
  #plugin;
  #queue = Promise.resolve();

  constructor(plugin) {
    this.#plugin = plugin;
  }

  /** Loads the plugin. WASI is on: the guest gets Node's real randomness. */
  static async open({ wasmPath = defaultWasm } = {}) {
    const wasm = await readFile(wasmPath);
    const plugin = await createPlugin({ wasm: [{ data: wasm }] }, { useWasi: true });
    return new Kopeck(plugin);
  }

  /**
   * Calls an export with a JSON-able input. Calls are queued: one plugin
   * instance runs one call at a time. Bad input is a normal answer with
   * "errors"; a thrown Error means the plugin itself failed.
   */
  call(name, input) {
    const run = async () => {
      const out = await this.#plugin.call(name, JSON.stringify(input ?? {}));
      return out === null ? null : JSON.parse(out.text());
    };
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => {});
    return result;
  }

  build(input) { return this.call('build', input); }
  validate(input) { return this.call('validate', input); }
  command(input) { return this.call('command', input); }
  parse(input) { return this.call('parse', input); }
  version() { return this.call('version', {}); }

  async close() {
    await this.#queue;
    await this.#plugin.close();
  }
}

/** Converts a kopeck decimal string ("141.91", "-0.05") to integer kopecks. */
export function kopecks(s) {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(s);
  if (!m) throw new Error(`not a kopeck amount: ${s}`);
  const v = BigInt(m[2]) * 100n + BigInt(m[3]);
  return Number(m[1] ? -v : v);
}
