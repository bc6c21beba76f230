package itkassa

import (
	"crypto/subtle"
	"net/url"
	"strconv"
	"strings"

	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/tidwall/gjson"
)

// Results of a document ("result" of resultItem or of the document).
const (
	ResultSuccess       = "success"
	ResultCriticalError = "critical_error"
)

// NoConnection is lastErrorId 255, "отсутствие связи с ККМ": the only
// device error the document names as transient.
const NoConnection = "255"

// Error codes of Result.Error that kopeck sets itself (provider errors keep
// ITKassa's own lastErrorId as their code).
const (
	ErrInvalidAnswer = "invalid_answer" // not JSON, or JSON of no known shape
	ErrUnknownResult = "unknown_result" // a result other than success and critical_error
	ErrNotFound      = "not_found"      // HTTP 404: no document with that key
	ErrCritical      = "critical_error" // a critical_error without a device error id
)

// Parse normalises an ITKassa answer or callback. See the package
// documentation for the states; Parse never panics.
func (itkassa) Parse(resp provider.Response, o provider.Options) (provider.Result, receipt.Problems) {
	var p receipt.Problems
	if resp.For == "callback" {
		c := readConfig(o, &p)
		if res, ok := authorize(c, resp.Headers, &p); !ok {
			return res, p
		}
		body := gjson.Parse(resp.Body)
		if !gjson.Valid(resp.Body) || !body.IsObject() {
			return failed(ErrInvalidAnswer, "the callback body is not a JSON object", false), p
		}
		if obj := body.Get("object"); obj.IsObject() {
			body = obj
		}
		return document(body), p
	}

	st := resp.Status
	if st == 429 || st >= 500 {
		return failed("http_"+strconv.Itoa(st), "HTTP "+strconv.Itoa(st)+": try again later", true), p
	}
	if !gjson.Valid(resp.Body) || !gjson.Parse(resp.Body).IsObject() {
		return failed(ErrInvalidAnswer, "HTTP "+strconv.Itoa(st)+": the answer is not a JSON object", false), p
	}
	body := gjson.Parse(resp.Body)
	switch {
	case st == 401 || st == 403:
		return failed("http_"+strconv.Itoa(st), "HTTP "+strconv.Itoa(st)+": the API key was refused (settings.itkassa.api_key)", false), p
	case st == 404:
		return failed(ErrNotFound, "HTTP 404: no such document or address", false), p
	}

	code := text(body.Get("code"))
	if obj := body.Get("object"); obj.IsObject() {
		return document(obj), p
	}
	if body.Get("result").Exists() || body.Get("resultItem").Exists() || body.Get("lastErrorId").Exists() {
		// The document's error example gives the significant part of the
		// document at the top level.
		return document(body), p
	}
	if code != "" && code != "0" {
		return failed("code_"+code, message(body, "code "+code), false), p
	}
	if code == "0" && st >= 200 && st < 300 {
		res := provider.Result{State: provider.StateDone}
		if l := body.Get("list"); l.IsArray() {
			res.Raw = map[string]string{"list": l.Raw, "count": strconv.Itoa(len(l.Array()))}
		}
		return res, p
	}
	return failed(ErrInvalidAnswer, "HTTP "+strconv.Itoa(st)+": an answer of no known shape", false), p
}

// authorize checks the callback's X-API-Key against callback_api_key in
// constant time. A missing setting is an error of the settings: kopeck never
// accepts an unauthenticated callback.
func authorize(c Config, headers map[string]string, p *receipt.Problems) (provider.Result, bool) {
	reason := ""
	got, present := header(headers, "X-API-Key")
	switch {
	case c.CallbackKey == "":
		c.need(p, "callback_api_key")
		return failed(CodeCallbackUnauthorized, "no callback_api_key is configured: the callback cannot be verified", false), false
	case !present || got == "":
		reason = "missing"
	case subtle.ConstantTimeCompare([]byte(got), []byte(c.CallbackKey)) != 1:
		reason = "wrong"
	default:
		return provider.Result{}, true
	}
	p.Errorf(CodeCallbackUnauthorized, "response.headers.X-API-Key", "reason", reason)
	return failed(CodeCallbackUnauthorized, "the callback's X-API-Key is "+reason, false), false
}

// header finds a header by name, case-insensitively.
func header(h map[string]string, name string) (string, bool) {
	if v, ok := h[name]; ok {
		return v, true
	}
	for k, v := range h {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return "", false
}

// document interprets a print document (the "object" of an answer, or a
// callback body).
func document(d gjson.Result) provider.Result {
	res := provider.Result{ID: text(d.Get("id"))}
	raw := map[string]string{}
	for name, field := range map[string]string{
		"idemp_key": "idempKey", "type": "type", "session_state": "sessionState", "result_description": "result_description",
	} {
		if v := text(d.Get(field)); v != "" {
			raw[name] = v
		}
	}
	item := d.Get("resultItem")
	result := text(d.Get("result"))
	if item.IsObject() {
		if r := text(item.Get("result")); r != "" {
			result = r
		}
		if v := text(item.Get("result_description")); v != "" && raw["result_description"] == "" {
			raw["result_description"] = v
		}
	}
	switch {
	case result == "" && !item.IsObject() && res.ID == "":
		// nothing to wait for: a queued document without an id cannot be asked about
		return failed(ErrInvalidAnswer, "a document without id and result", false)
	case result == "" && !item.IsObject():
		res.State = provider.StateQueued
	case result == ResultSuccess:
		res.State = provider.StateDone
		res.Fiscal = fiscal(d, raw)
	case result == ResultCriticalError:
		res.State = provider.StateFailed
		id := first(text(d.Get("lastErrorId")), text(item.Get("lastErrorId")), nonZero(text(item.Get("creErrorId"))))
		msg := first(text(d.Get("lastErrorMessage")), text(item.Get("lastErrorMessage")), text(item.Get("creErrorText")),
			text(d.Get("result_description")), text(item.Get("result_description")), "critical_error")
		if id == "" || id == "0" {
			id = ErrCritical
		}
		res.Error = &provider.ResultError{Code: id, Message: msg}
		res.Retryable = id == NoConnection
	default:
		// Neither documented result: ask again later. Retrying is safe:
		// the document carries its idempKey, a retry never prints twice.
		res.State = provider.StateFailed
		res.Retryable = true
		res.Error = &provider.ResultError{Code: ErrUnknownResult, Message: "unknown result " + quote(result)}
	}
	if len(raw) > 0 {
		res.Raw = raw
	}
	return res
}

// fiscal collects the fiscal data of a printed document. fsNumber is the
// FN serial (the cashbox list shows 16-digit FN numbers under this name,
// whatever the field description says); the QR string (checkUrl) fills what
// the document leaves empty: i (document number), fn, fp, s (total).
func fiscal(d gjson.Result, raw map[string]string) *provider.Fiscal {
	qr := text(d.Get("checkUrl"))
	q, _ := url.ParseQuery(qr)
	f := &provider.Fiscal{
		DocumentNumber: first(text(d.Get("checkNumber")), q.Get("i")),
		FiscalSign:     first(text(d.Get("checkSign")), q.Get("fp")),
		FNNumber:       first(text(d.Get("fsNumber")), q.Get("fn")),
		ShiftNumber:    text(d.Get("sessionNumber")),
		Date:           text(d.Get("checkDate")),
		Total:          q.Get("s"),
		QR:             qr,
		URL:            text(d.Get("checkUrlOfd")),
	}
	if text(d.Get("checkNumber")) == "0" {
		// "Значение 0 говорит о том, что используется тестовая касса."
		raw["test_cashbox"] = "true"
	}
	if *f == (provider.Fiscal{}) {
		return nil
	}
	return f
}

func failed(code, msg string, retry bool) provider.Result {
	return provider.Result{State: provider.StateFailed, Retryable: retry, Error: &provider.ResultError{Code: code, Message: msg}}
}

// text returns a string or number value as text; anything else is "".
func text(r gjson.Result) string {
	switch r.Type {
	case gjson.String:
		return strings.TrimSpace(r.Str)
	case gjson.Number:
		return r.Raw
	}
	return ""
}

func message(body gjson.Result, def string) string {
	return first(text(body.Get("message")), text(body.Get("result_description")), text(body.Get("error")), def)
}

func first(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

func nonZero(s string) string {
	if s == "0" {
		return ""
	}
	return s
}
