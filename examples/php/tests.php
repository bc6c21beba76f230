<?php
/**
 * Tests of KopeckClient against a running sidecar: php tests.php BASE_URL TOKEN
 * (run.sh starts `kopeck serve` and calls this). Prints one line per check and
 * "N passed, N failed" last; exits 1 on any failure.
 */
require __DIR__ . '/KopeckClient.php';

[$self, $base, $token] = $argv + [null, null, null];
$passed = 0;
$failed = 0;
function check(string $name, bool $ok, string $detail = ''): void
{
    global $passed, $failed;
    $ok ? $passed++ : $failed++;
    echo ($ok ? 'ok   ' : 'FAIL ') . $name . ($ok || $detail === '' ? '' : " — $detail") . "\n";
}
function read(string $path): array
{
    return json_decode(file_get_contents(__DIR__ . '/../../testdata/' . $path), true, 512, JSON_THROW_ON_ERROR);
}

$kopeck = new KopeckClient($base, $token);
$settings = read('demo/demo.settings.json');
$order = read('demo/demo.order.json');

check('healthz', $kopeck->healthy());

// The demo order: every kopeck reconciled, checked here in integers.
$a = $kopeck->build(['settings' => $settings, 'source' => 'generic', 'order' => $order]);
check('build has no errors', !isset($a['errors']), json_encode($a['errors'] ?? null, JSON_UNESCAPED_UNICODE));
$sum = 0;
$exact = true;
foreach ($a['receipt']['lines'] ?? [] as $l) {
    [$whole, $frac] = array_pad(explode('.', $l['quantity']), 2, '');
    $thousandths = (int) $whole * 1000 + (int) str_pad(substr($frac, 0, 3), 3, '0');
    $product = KopeckClient::kopecks($l['price']) * $thousandths; // < 2^63 for any real order
    $exact = $exact && KopeckClient::kopecks($l['total']) === intdiv($product + 500, 1000);
    $sum += KopeckClient::kopecks($l['total']);
}
check('every line: total = price × quantity (half up)', $exact);
check('lines add up to the total', $sum === KopeckClient::kopecks($a['receipt']['total'] ?? '0.00'));
check('the total is what the customer paid', ($a['receipt']['total'] ?? '') === $order['total']);
check('Nanokassa itog_cheka in kopecks', ($a['payload']['itog_arr']['itog_cheka'] ?? 0) === $sum);
$body = json_decode($a['request']['body'] ?? 'null', true);
check('the request is an encrypted test envelope', isset($body['aab'], $body['dde']) && $body['test'] === '1');

// A bad order: HTTP 422 answer with codes and paths, in Russian when asked.
$bad = $order;
$bad['items'][0]['price'] = '349.001';
$bad['customer']['phone'] = 'звоните';
$v = $kopeck->validate(['settings' => $settings + ['locale' => 'ru'], 'order' => $bad]);
$got = array_map(fn ($e) => $e['code'] . ' ' . $e['path'], $v['errors'] ?? []);
sort($got);
check('bad order: codes and paths', $got === ['invalid_phone order.customer.phone', 'too_many_decimals order.items[0].price'], implode(', ', $got));
$messages = implode(' | ', array_map(fn ($e) => $e['message'], $v['errors'] ?? []));
check('bad order: Russian messages', str_contains($messages, 'не номер телефона') && str_contains($messages, 'знаков после запятой'), $messages);

// WooCommerce through the sidecar, all three providers.
$woo = read('woocommerce/rub-fixed-cart.json');
foreach (['nanokassa' => ['kassaid' => '1', 'kassatoken' => 't'],
          'kassavonline' => ['user' => 'u', 'key' => 'k', 'kkm_serial_number' => '1', 'kkm_connection_key' => 'c', 'url' => 'http://127.0.0.1:8755/kassavonline'],
          'itkassa' => ['api_key' => 'k', 'cre_item_id' => '89189775-e4fc-70d0-5e2c-182e4121308e', 'url' => 'http://127.0.0.1:8755/itkassa']] as $p => $section) {
    $w = $kopeck->build(['settings' => ['provider' => $p, 'tax_system' => 'usn_income', $p => $section,
        'woocommerce' => ['payment_types' => ['cod' => 'cash']]], 'source' => 'woocommerce', 'order' => $woo]);
    check("woocommerce → $p", !isset($w['errors']) && ($w['receipt']['total'] ?? '') === $woo['total'],
        json_encode($w['errors'] ?? null, JSON_UNESCAPED_UNICODE));
}

// Garbage and authentication: structured errors, and the sidecar keeps serving.
try {
    $g = $kopeck->build(['order' => 'not an order']);
    check('garbage is an answer', isset($g['errors'][0]['code'], $g['errors'][0]['path']));
} catch (KopeckException $e) {
    check('garbage is an answer', false, $e->getMessage());
}
foreach (['no token' => null, 'wrong token' => 'wrong-' . $token] as $name => $t) {
    try {
        (new KopeckClient($base, $t))->build(['order' => $order]);
        check("$name is refused", false, 'accepted');
    } catch (KopeckException $e) {
        check("$name is refused", str_contains($e->getMessage(), 'HTTP 401'), $e->getMessage());
    }
}
check('still serving', $kopeck->healthy() && !isset($kopeck->build(['settings' => $settings, 'order' => $order])['errors']));

echo "$passed passed, $failed failed\n";
exit($failed === 0 ? 0 : 1);
