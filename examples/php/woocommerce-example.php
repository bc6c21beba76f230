<?php
/**
 * What a WooCommerce shop does on "payment complete": hand the order (the REST
 * v3 document, as in the order webhooks) to kopeck and send the request it
 * returns. Run: php woocommerce-example.php http://127.0.0.1:8754 [ORDER.json]
 */
require __DIR__ . '/KopeckClient.php';

$base = $argv[1] ?? 'http://127.0.0.1:8754';
$orderFile = $argv[2] ?? __DIR__ . '/../../testdata/woocommerce/rub-fixed-cart.json';
$order = json_decode(file_get_contents($orderFile), true, 512, JSON_THROW_ON_ERROR);

$kopeck = new KopeckClient($base, getenv('KOPECK_TOKEN') ?: null);
$answer = $kopeck->build([
    'settings' => [
        'provider' => 'itkassa',
        'test' => true,
        'tax_system' => 'usn_income',
        'deliver' => 'email',
        'itkassa' => ['api_key' => 'your-api-key', 'cre_item_id' => '89189775-e4fc-70d0-5e2c-182e4121308e',
                      'url' => 'http://127.0.0.1:8755/itkassa'], // the kopeck sandbox while testing
        'woocommerce' => ['payment_types' => ['cod' => 'cash']],
    ],
    'source' => 'woocommerce',
    'order' => $order,
]);

if (isset($answer['errors'])) {
    foreach ($answer['errors'] as $e) {
        fwrite(STDERR, "{$e['path']}: {$e['message']} ({$e['code']})\n");
    }
    exit(1);
}
foreach ($answer['receipt']['lines'] as $l) {
    printf("%-40s %8s × %10s = %10s\n", mb_substr($l['name'], 0, 40), $l['quantity'], $l['price'], $l['total']);
}
printf("total %s; request: %s %s\n", $answer['receipt']['total'], $answer['request']['method'], $answer['request']['url']);
