// node --test: the real kopeck.wasm through the real @extism/extism.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Kopeck, kopecks } from './kopeck.js';

const read = async (p) => JSON.parse(await readFile(new URL(p, import.meta.url), 'utf8'));
let kopeck, settings, order;

before(async () => {
  kopeck = await Kopeck.open();
  settings = await read('../../testdata/demo/demo.settings.json');
  order = await read('../../testdata/demo/demo.order.json');
});
after(async () => { await kopeck.close(); });

test('version names the exports and providers', async () => {
  const v = await kopeck.version();
  assert.deepEqual(v.exports, ['build', 'validate', 'command', 'parse', 'version']);
  assert.deepEqual(v.providers, ['itkassa', 'kassavonline', 'nanokassa']);
});

test('build reconciles every kopeck of the demo order', async () => {
  const a = await kopeck.build({ settings, source: 'generic', order });
  assert.equal(a.errors, undefined, JSON.stringify(a.errors));
  const r = a.receipt;
  let lines = 0;
  for (const l of r.lines) {
    // total = price × quantity, rounded half up to the kopeck, in integers
    const [whole, frac = ''] = l.quantity.split('.');
    const thousandths = BigInt(whole) * 1000n + BigInt((frac + '000').slice(0, 3));
    const exact = BigInt(kopecks(l.price)) * thousandths;
    assert.equal(kopecks(l.total), Number((exact + 500n) / 1000n), JSON.stringify(l));
    lines += kopecks(l.total);
  }
  assert.equal(lines, kopecks(r.total));
  assert.equal(r.total, order.total);
  assert.equal(r.payments.reduce((s, p) => s + kopecks(p.amount), 0), kopecks(r.total));
  // the Nanokassa payload adds up in kopecks, and the request is ready to send
  assert.equal(a.payload.itog_arr.itog_cheka, kopecks(r.total));
  assert.equal(a.payload.products_arr.reduce((s, p) => s + p.summa, 0), kopecks(r.total));
  assert.equal(a.request.method, 'POST');
  assert.match(a.request.url, /^https?:\/\//);
  const body = JSON.parse(a.request.body);
  assert.ok(body.aab && body.dde, 'an encrypted envelope');
  assert.equal(body.test, '1', 'test mode is the default');
  assert.ok(a.warnings.some((w) => w.code === 'line_split' && w.path === 'order.items[0]'));
});

test('two builds encrypt with fresh randomness', async () => {
  const [a, b] = await Promise.all([
    kopeck.build({ settings, source: 'generic', order }),
    kopeck.build({ settings, source: 'generic', order }),
  ]);
  assert.deepEqual(a.payload, b.payload);
  assert.notEqual(a.request.body, b.request.body);
});

test('a bad order is an answer with codes and paths, not an exception', async () => {
  const bad = structuredClone(order);
  bad.items[1].quantity = '0.3475';
  bad.items[2].price = '-5';
  bad.customer.email = 'anna@';
  bad.total = '1.00';
  const a = await kopeck.validate({ settings, source: 'generic', order: bad });
  const got = a.errors.map((e) => `${e.code} ${e.path}`).sort();
  assert.deepEqual(got, [
    'invalid_email order.customer.email',
    'negative order.items[2].price',
    'too_many_decimals order.items[1].quantity',
  ]);
  for (const e of a.errors) assert.ok(e.message.length > 0);
  const ru = await kopeck.validate({ settings: { ...settings, locale: 'ru' }, order: { ...order, total: '1.00' } });
  assert.equal(ru.errors[0].code, 'total_mismatch');
  assert.match(ru.errors[0].message, /сумма позиций 3113\.83/);
  // and the plugin keeps serving
  assert.equal((await kopeck.version()).version.length > 0, true);
});

test('garbage input never throws', async () => {
  for (const input of [null, [], 'text', { order: 5 }, { settings: { provider: 'atol' } }]) {
    const a = await kopeck.build(input);
    assert.ok(Array.isArray(a.errors) && a.errors.length > 0, JSON.stringify(a));
  }
});

test('a WooCommerce order builds for ITKassa against the sandbox URL', async () => {
  const woo = await read('../../testdata/woocommerce/rub-fixed-cart.json');
  const a = await kopeck.build({
    settings: { provider: 'itkassa', tax_system: 'usn_income', deliver: 'email',
      itkassa: { api_key: 'demo', cre_item_id: '89189775-e4fc-70d0-5e2c-182e4121308e', url: 'http://127.0.0.1:8755/itkassa' },
      woocommerce: { payment_types: { cod: 'cash' } } },
    source: 'woocommerce', order: woo,
  });
  assert.equal(a.errors, undefined, JSON.stringify(a.errors));
  assert.equal(a.receipt.total, woo.total);
  const doc = JSON.parse(a.request.body);
  const cmd = doc.commands[0];
  const sum = cmd.lines.reduce((s, l) => s + kopecks(l.total), 0);
  const paid = ['amountCash', 'amountElectronic', 'amountPrepaid', 'amountCredit', 'amountIncoming']
    .reduce((s, k) => s + kopecks(cmd[k]), 0);
  assert.equal(sum, kopecks(woo.total));
  assert.equal(paid, sum);
  assert.match(doc.idempKey, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});
