package main

import (
	"bytes"
	"encoding/json"

	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/tidwall/gjson"
)

// Problem codes of the CLI and the sidecar, for failures that happen before
// or around the engine. Input problems found by the engine keep the engine's
// codes.
const (
	codeInternal         = "internal_error"     // the engine or host failed; details are in the log
	codeTimeout          = "timeout"            // the call took longer than allowed
	codeUnauthorized     = "unauthorized"       // missing or wrong bearer token
	codeNotFound         = "not_found"          // no such endpoint
	codeMethodNotAllowed = "method_not_allowed" // wrong HTTP method for the endpoint
	codeBodyTooLarge     = "body_too_large"     // request body or batch line over the limit
	codeUnavailable      = "unavailable"        // the sidecar is shutting down
)

func init() {
	receipt.Register(codeInternal,
		"kopeck failed to process the request; the failure was logged",
		"kopeck не смог обработать запрос; сбой записан в журнал")
	receipt.Register(codeTimeout,
		"the call took longer than {limit}",
		"вызов выполнялся дольше {limit}")
	receipt.Register(codeUnauthorized,
		"missing or wrong bearer token",
		"токен доступа отсутствует или неверен")
	receipt.Register(codeNotFound,
		"no such endpoint: {path}",
		"нет такого адреса: {path}")
	receipt.Register(codeMethodNotAllowed,
		"method {method} is not allowed here; allowed: {allowed}",
		"метод {method} здесь не разрешён; разрешены: {allowed}")
	receipt.Register(codeBodyTooLarge,
		"the input is larger than {limit} bytes",
		"входные данные больше {limit} байт")
	receipt.Register(codeUnavailable,
		"kopeck is shutting down; retry on another instance",
		"kopeck завершает работу; повторите запрос позже")
}

// errorAnswer is the JSON of an answer that carries only errors, in the
// same shape as the engine's: {"errors":[…],"warnings":[]}. locale is the
// caller's settings locale ("ru" for Russian messages).
func errorAnswer(locale string, code, path string, params ...string) []byte {
	p := receipt.Problems{receipt.NewProblem(receipt.SeverityError, code, path, params...)}.Localize(locale)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(map[string]any{"errors": p, "warnings": []receipt.Problem{}})
	return bytes.TrimRight(b.Bytes(), "\n")
}

// hasErrors reports whether an export's answer lists errors.
func hasErrors(answer []byte) bool {
	return gjson.GetBytes(answer, "errors.#").Int() > 0
}

// localeOf returns the locale a settings object asks for ("en" by default).
func localeOf(settings []byte) string {
	if gjson.GetBytes(settings, "locale").String() == "ru" {
		return "ru"
	}
	return "en"
}
