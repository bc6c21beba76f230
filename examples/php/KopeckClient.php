<?php
/**
 * KopeckClient: a WooCommerce (or any PHP) shop's client of the kopeck sidecar
 * (`kopeck serve`), for PHP without FFI. It needs nothing but php-cli: HTTP goes
 * through PHP's own stream wrapper.
 *
 *   $kopeck = new KopeckClient('http://127.0.0.1:8754', getenv('KOPECK_TOKEN'));
 *   $answer = $kopeck->build(['settings' => $settings, 'source' => 'woocommerce', 'order' => $wcOrder]);
 *   if (isset($answer['errors'])) { foreach ($answer['errors'] as $e) error_log("{$e['path']}: {$e['message']}"); }
 *   else { // send $answer['request'] to the provider as it is
 *   }
 *
 * Bad orders are answers (HTTP 422 with "errors"), not exceptions; a
 * KopeckException means the sidecar could not be reached or failed itself.
 * Money in answers is decimal strings in rubles: use KopeckClient::kopecks(),
 * never floatval().
 */
final class KopeckException extends RuntimeException {}

final class KopeckClient
{
    public function __construct(
        private string $baseUrl,
        private ?string $token = null,
        private float $timeout = 10.0,
    ) {
        $this->baseUrl = rtrim($baseUrl, '/');
    }

    public function build(array $input): array { return $this->call('build', $input); }
    public function validate(array $input): array { return $this->call('validate', $input); }
    public function command(array $input): array { return $this->call('command', $input); }
    public function parse(array $input): array { return $this->call('parse', $input); }

    /** True when the sidecar answers GET /healthz. */
    public function healthy(): bool
    {
        [$status] = $this->request('GET', '/healthz', null);
        return $status === 200;
    }

    /** POST /v1/<export>: the answer, with "errors" for bad input (HTTP 422). */
    public function call(string $export, array $input): array
    {
        $body = json_encode($input, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION | JSON_THROW_ON_ERROR);
        [$status, $text] = $this->request('POST', '/v1/' . $export, $body);
        $answer = json_decode($text, true);
        if (!is_array($answer)) {
            throw new KopeckException("kopeck $export: HTTP $status with a body that is not JSON");
        }
        if ($status !== 200 && $status !== 422) {
            $first = $answer['errors'][0] ?? ['code' => 'unknown', 'message' => ''];
            throw new KopeckException("kopeck $export: HTTP $status {$first['code']}: {$first['message']}");
        }
        return $answer;
    }

    /** "141.91" → 14191 (integer kopecks), exactly. */
    public static function kopecks(string $amount): int
    {
        if (!preg_match('/^(-?)(\d+)\.(\d{2})$/', $amount, $m)) {
            throw new InvalidArgumentException("not a kopeck amount: $amount");
        }
        $v = intdiv((int) $m[2] * 100 + (int) $m[3], 1);
        return $m[1] === '-' ? -$v : $v;
    }

    /** @return array{int, string} status and body */
    private function request(string $method, string $path, ?string $body): array
    {
        $headers = ['Accept: application/json'];
        if ($body !== null) {
            $headers[] = 'Content-Type: application/json';
        }
        if ($this->token !== null && $this->token !== '') {
            $headers[] = 'Authorization: Bearer ' . $this->token;
        }
        $context = stream_context_create(['http' => [
            'method' => $method,
            'header' => implode("\r\n", $headers),
            'content' => $body ?? '',
            'timeout' => $this->timeout,
            'ignore_errors' => true, // read 4xx/5xx bodies: they carry the errors
        ]]);
        $text = @file_get_contents($this->baseUrl . $path, false, $context);
        if ($text === false) {
            throw new KopeckException("kopeck: cannot reach {$this->baseUrl}$path");
        }
        $status = 0;
        foreach ($http_response_header ?? [] as $line) {
            if (preg_match('#^HTTP/\S+\s+(\d{3})#', $line, $m)) {
                $status = (int) $m[1];
            }
        }
        return [$status, $text];
    }
}
